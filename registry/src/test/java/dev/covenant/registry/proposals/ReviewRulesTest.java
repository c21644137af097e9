package dev.covenant.registry.proposals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.proposals.Revision.Impact;
import dev.covenant.registry.proposals.Revision.ImpactFailure;
import dev.covenant.registry.proposals.Revision.ProposedFinding;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who reviews a proposal, when an approval survives a revision, and when a proposal is agreed. */
class ReviewRulesTest {

    static final ProposedFinding QUANTITY_REMOVED = finding("response-property-removed", "ERR", "GET /items/{id}", "fp-qty");
    static final ProposedFinding PRICE_REMOVED = finding("response-property-removed", "ERR", "GET /prices/{id}", "fp-price");
    static final ProposedFinding COLOUR_ADDED = finding("response-optional-property-added", "INFO", "GET /items/{id}", "fp-colour");
    static final ProposedFinding ORDERS_REMOVED = finding("api-path-removed-without-deprecation", "ERR", "POST /orders", "fp-orders");

    static final Impact ORDERS_READS_QUANTITY = new Impact("order-service", "1.0.0", "orders",
            List.of(new ImpactFailure("get an item", "GET /items/{id}", "quantity", "response.body.incompatible",
                    "response-property-removed", "quantity is missing")));
    static final Impact BILLING_READS_PRICE = new Impact("billing", "7", "billing",
            List.of(new ImpactFailure("get a price", "GET /prices/{id}", "amount", "response.body.incompatible",
                    "response-property-removed", "amount is missing")));

    @Test
    void consumersItBreaksTheOwnerAndNamedTeamsAreRequiredOtherConsumersInformed() {
        Revision revision = revision(1, List.of(QUANTITY_REMOVED), List.of(ORDERS_READS_QUANTITY));

        List<Reviewer> reviewers = ReviewRules.reviewers("catalog", "inventory", List.of("architecture"), revision,
                List.of("orders", "shipping"));

        assertThat(reviewers).extracting(Reviewer::team, Reviewer::required).containsExactly(
                org.assertj.core.groups.Tuple.tuple("orders", true),
                org.assertj.core.groups.Tuple.tuple("inventory", true),
                org.assertj.core.groups.Tuple.tuple("architecture", true),
                org.assertj.core.groups.Tuple.tuple("shipping", false));
        assertThat(reviewers).allSatisfy(r -> assertThat(r.decision()).isEqualTo(Reviewer.Decision.PENDING));
    }

    @Test
    void theOwnerProposingWithNothingBrokenApprovesItself() {
        Revision revision = revision(1, List.of(COLOUR_ADDED), List.of());

        List<Reviewer> reviewers = ReviewRules.reviewers("inventory", "inventory", List.of(), revision, List.of("orders"));

        assertThat(reviewers).extracting(Reviewer::team, Reviewer::required).containsExactly(
                org.assertj.core.groups.Tuple.tuple("inventory", true),
                org.assertj.core.groups.Tuple.tuple("orders", false));
        assertThat(ReviewRules.agreed(reviewers)).isFalse();
        assertThat(ReviewRules.agreed(List.of(approved("inventory", true, List.of()), reviewers.get(1)))).isTrue();
    }

    @Test
    void aConsumerTeamIsConcernedByTheBreakingFindingsOnTheOperationsItsPactUses() {
        Revision revision = revision(1, List.of(QUANTITY_REMOVED, PRICE_REMOVED, COLOUR_ADDED),
                List.of(ORDERS_READS_QUANTITY, BILLING_READS_PRICE));

        assertThat(ReviewRules.concerning("orders", revision)).containsExactly("fp-qty");
        assertThat(ReviewRules.concerning("billing", revision)).containsExactly("fp-price");
        assertThat(ReviewRules.concerning("inventory", revision)).containsExactly("fp-qty", "fp-price");
    }

    @Test
    void anApprovalIsKeptWhenTheRevisionBreaksNothingNewForThatTeam() {
        Revision first = revision(1, List.of(QUANTITY_REMOVED), List.of(ORDERS_READS_QUANTITY));
        Reviewer orders = approved("orders", true, List.copyOf(ReviewRules.concerning("orders", first)));
        // the revision adds an optional field and breaks another team's operation, not the one orders reads
        Revision second = revision(2, List.of(QUANTITY_REMOVED, COLOUR_ADDED, PRICE_REMOVED),
                List.of(ORDERS_READS_QUANTITY, BILLING_READS_PRICE));

        List<Reviewer> after = ReviewRules.afterRevision(List.of(orders),
                ReviewRules.reviewers("inventory", "inventory", List.of(), second, List.of("orders", "billing")), second);

        assertThat(after).filteredOn(r -> r.team().equals("orders")).singleElement().satisfies(kept -> {
            assertThat(kept.decision()).isEqualTo(Reviewer.Decision.APPROVED);
            assertThat(kept.revision()).isEqualTo(1);
        });
        assertThat(after).filteredOn(r -> r.team().equals("billing")).singleElement()
                .satisfies(billing -> assertThat(billing.decision()).isEqualTo(Reviewer.Decision.PENDING));
        assertThat(ReviewRules.agreed(after)).isFalse();
    }

    @Test
    void anApprovalIsResetWhenTheRevisionAddsABreakingFindingThatConcernsTheTeam() {
        Revision first = revision(1, List.of(QUANTITY_REMOVED), List.of(ORDERS_READS_QUANTITY));
        Reviewer orders = approved("orders", true, List.copyOf(ReviewRules.concerning("orders", first)));
        Revision second = revision(2, List.of(QUANTITY_REMOVED, ORDERS_REMOVED), List.of(new Impact("order-service",
                "1.0.0", "orders", List.of(ORDERS_READS_QUANTITY.failures().get(0), new ImpactFailure("place an order",
                        "POST /orders", null, "request.path-or-method.unknown", "api-path-removed-without-deprecation",
                        "no such operation")))));

        List<Reviewer> after = ReviewRules.afterRevision(List.of(orders),
                ReviewRules.reviewers("inventory", "inventory", List.of(), second, List.of("orders")), second);

        assertThat(after).singleElement().satisfies(reset -> {
            assertThat(reset.team()).isEqualTo("orders");
            assertThat(reset.decision()).isEqualTo(Reviewer.Decision.PENDING);
            assertThat(reset.approved()).isEmpty();
        });
    }

    @Test
    void aRequestForChangesIsPendingAgainAfterARevision() {
        Revision first = revision(1, List.of(QUANTITY_REMOVED), List.of(ORDERS_READS_QUANTITY));
        Reviewer orders = new Reviewer("orders", true, Reviewer.Decision.CHANGES_REQUESTED, 1, Instant.EPOCH, List.of(),
                "orders-ci");
        Revision second = revision(2, List.of(COLOUR_ADDED), List.of());

        List<Reviewer> after = ReviewRules.afterRevision(List.of(orders, approved("inventory", true, List.of())),
                ReviewRules.reviewers("inventory", "inventory", List.of(), second, List.of("orders")), second);

        assertThat(after).extracting(Reviewer::team, Reviewer::required, Reviewer::decision).containsExactly(
                org.assertj.core.groups.Tuple.tuple("inventory", true, Reviewer.Decision.APPROVED),
                org.assertj.core.groups.Tuple.tuple("orders", false, Reviewer.Decision.PENDING));
        assertThat(first.breaking()).hasSize(1);
    }

    @Test
    void aTeamOnceRequiredStaysRequiredAndItsApprovalAloneAgreesARevisionThatNoLongerBreaksIt() {
        Revision first = revision(1, List.of(QUANTITY_REMOVED), List.of(ORDERS_READS_QUANTITY));
        List<Reviewer> asked = ReviewRules.reviewers("inventory", "inventory", List.of(), first, List.of("orders", "shipping"));
        List<Reviewer> changesRequested = asked.stream().map(r -> !r.team().equals("orders") ? r
                : new Reviewer("orders", true, Reviewer.Decision.CHANGES_REQUESTED, 1, Instant.EPOCH, List.of(), "ci"))
                .toList();
        Revision second = revision(2, List.of(COLOUR_ADDED), List.of());

        List<Reviewer> after = ReviewRules.revised("inventory", "inventory", List.of(), changesRequested, second,
                List.of("orders", "shipping"));

        assertThat(after).extracting(Reviewer::team, Reviewer::required, Reviewer::decision).containsExactly(
                org.assertj.core.groups.Tuple.tuple("orders", true, Reviewer.Decision.PENDING),
                org.assertj.core.groups.Tuple.tuple("shipping", false, Reviewer.Decision.PENDING));
        List<Reviewer> approved = after.stream().map(r -> r.team().equals("orders") ? approved("orders", true, List.of()) : r)
                .toList();
        assertThat(ReviewRules.agreed(approved)).isTrue();
    }

    @Test
    void agreedOnlyWhenEveryRequiredReviewerApproved() {
        Reviewer pendingInformed = Reviewer.pending("shipping", false);
        assertThat(ReviewRules.agreed(List.of(approved("orders", true, List.of()), pendingInformed))).isTrue();
        assertThat(ReviewRules.agreed(List.of(approved("orders", true, List.of()), Reviewer.pending("billing", true))))
                .isFalse();
        assertThat(ReviewRules.agreed(List.of(pendingInformed))).isFalse();
        assertThat(ReviewRules.awaiting(List.of(approved("orders", true, List.of()), Reviewer.pending("billing", true),
                pendingInformed))).containsExactly("billing");
    }

    static Reviewer approved(String team, boolean required, List<String> fingerprints) {
        return new Reviewer(team, required, Reviewer.Decision.APPROVED, 1, Instant.EPOCH, fingerprints, team + "-ci");
    }

    static ProposedFinding finding(String ruleId, String level, String operation, String fingerprint) {
        return new ProposedFinding(ruleId, level, operation, "/paths", ruleId + " on " + operation, fingerprint);
    }

    static Revision revision(int number, List<ProposedFinding> findings, List<Impact> impact) {
        return new Revision(number, "raw:" + number, "sha" + number, "application/json", "1.0.0", findings, impact,
                Instant.EPOCH);
    }
}
