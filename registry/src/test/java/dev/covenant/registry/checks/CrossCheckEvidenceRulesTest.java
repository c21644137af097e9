package dev.covenant.registry.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.covenant.contract.pact.Pacts;
import dev.covenant.registry.specs.ProviderContract.SelfVerification;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order in which {@link CrossCheckEvidence#judge} applies its rules, and how a pact's coverage is counted. */
class CrossCheckEvidenceRulesTest {

    private static final SelfVerification PASSED = new SelfVerification(true, "dredd", "14", null, null, null);
    private static final SelfVerification FAILED = new SelfVerification(false, "schemathesis", "3", null, null, null);
    private static final Coverage HTTP_ONLY = new Coverage(2, 0, 0, 0);
    private static final Coverage WITH_MESSAGES = new Coverage(1, 3, 0, 0);

    private static CrossCheck check(boolean success) {
        List<Failure> failures = success ? List.of()
                : List.of(new Failure("get item", "GET /items/{id}", "GET /items/1", "quantity",
                        "response.body.incompatible", "[root].interactions[0].response.body", "bad", null));
        return new CrossCheck("sha", "web", "api", "2.0.0", "doc", success, failures, "report", Instant.EPOCH, null);
    }

    @Test
    void aFailedSelfVerificationFailsEvenACheckThatCouldNotCountOtherwise() {
        CrossCheckEvidence evidence = CrossCheckEvidence.judge(check(true), WITH_MESSAGES, FAILED, false);

        assertThat(evidence).isInstanceOf(CrossCheckEvidence.Failed.class);
        assertThat(evidence.counts()).isTrue();
        assertThat(evidence.success()).isFalse();
        assertThat(evidence.reason()).contains("(by schemathesis) failed");
    }

    @Test
    void aFailingHttpInteractionIsAFailureWhateverElseThePactHolds() {
        CrossCheckEvidence evidence = CrossCheckEvidence.judge(check(false), WITH_MESSAGES, PASSED, true);

        assertThat(evidence).isInstanceOf(CrossCheckEvidence.Failed.class);
        assertThat(evidence.reason()).isEqualTo("1 interaction failure(s) against the OpenAPI document of api 2.0.0");
    }

    @Test
    void interactionsTheCheckCannotJudgeMakeAPassingCheckCountForNothing() {
        CrossCheckEvidence evidence = CrossCheckEvidence.judge(check(true), WITH_MESSAGES, PASSED, false);

        assertThat(evidence).isInstanceOf(CrossCheckEvidence.NotCounted.class);
        assertThat(evidence.counts()).isFalse();
        assertThat(evidence.verdict()).isEqualTo("Does not count as a verification: 3 message interactions need a"
                + " provider verification (a cross-contract check only checks HTTP interactions)");
    }

    @Test
    void aMissingSelfVerificationIsAWarningUnlessRequired() {
        CrossCheckEvidence optional = CrossCheckEvidence.judge(check(true), HTTP_ONLY, null, false);
        CrossCheckEvidence required = CrossCheckEvidence.judge(check(true), HTTP_ONLY, null, true);
        CrossCheckEvidence selfVerified = CrossCheckEvidence.judge(check(true), HTTP_ONLY, PASSED, true);

        assertThat(optional).isInstanceOf(CrossCheckEvidence.Verified.class);
        assertThat(optional.reason()).isEqualTo(CrossCheckEvidence.WITHOUT_SELF_VERIFICATION);
        assertThat(required).isInstanceOf(CrossCheckEvidence.NotCounted.class);
        assertThat(required.reason()).contains("requires a self-verification");
        assertThat(selfVerified).isInstanceOf(CrossCheckEvidence.Verified.class);
        assertThat(selfVerified.reason()).isNull();
        assertThat(selfVerified.verdict()).isEqualTo("Counts as a successful verification");
    }

    @Test
    void coverageCountsEachKindOfInteraction() throws Exception {
        String pact = """
                {"consumer": {"name": "web"}, "provider": {"name": "api"},
                 "interactions": [
                   {"type": "Synchronous/HTTP", "description": "h", "request": {"method": "GET", "path": "/"},
                    "response": {"status": 200}},
                   {"type": "Asynchronous/Messages", "description": "a", "contents": {}},
                   {"type": "Synchronous/Messages", "description": "s", "request": {}, "response": []},
                   {"type": "Synchronous/Messages", "description": "grpc", "request": {}, "response": [],
                    "transport": "grpc", "pluginConfiguration": {"protobuf": {}}},
                   {"type": "Plugin/Avro", "description": "p"}],
                 "metadata": {"pactSpecification": {"version": "4.0"}}}
                """;

        Coverage coverage = Coverage.of(Pacts.parse(new ObjectMapper().readTree(pact)));

        assertThat(coverage).isEqualTo(new Coverage(1, 1, 2, 1));
        assertThat(coverage.complete()).isFalse();
        assertThat(coverage.reason()).isEqualTo("1 message interaction and 2 synchronous message interactions and"
                + " 1 plugin or unsupported interaction need a provider verification"
                + " (a cross-contract check only checks HTTP interactions)");
        assertThat(new Coverage(0, 0, 0, 0).complete()).isTrue();
    }
}
