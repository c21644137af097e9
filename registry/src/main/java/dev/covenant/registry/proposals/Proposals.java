package dev.covenant.registry.proposals;

import dev.covenant.contract.diff.Finding;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.openapi.Validation;
import dev.covenant.contract.openapi.ParsedDocument;
import dev.covenant.registry.checks.Failure;
import dev.covenant.registry.checks.ProposedChanges;
import dev.covenant.registry.events.EventLog;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.proposals.ProposalRequests.Acting;
import dev.covenant.registry.proposals.ProposalRequests.Propose;
import dev.covenant.registry.proposals.ProposalRequests.Remark;
import dev.covenant.registry.proposals.ProposalRequests.Review;
import dev.covenant.registry.proposals.Revision.Impact;
import dev.covenant.registry.proposals.Revision.ImpactFailure;
import dev.covenant.registry.proposals.Revision.ProposedFinding;
import dev.covenant.registry.specs.ProviderContracts;
import dev.covenant.registry.storage.ContentStore;
import dev.covenant.registry.system.ConflictException;
import dev.covenant.registry.system.ForbiddenException;
import dev.covenant.registry.teams.Teams;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Proposals: an interface (or a change to one) put to the teams it concerns before it is built. Each write
 * validates, authorises, then writes (document contents, the proposal, its index entries, its event), every step
 * idempotent, so a retried request changes nothing and a refused one leaves nothing behind.
 */
@Service
class Proposals {

    private final ProposalStore store;
    private final AgreementStore agreements;
    private final ProposedChanges changes;
    private final ProviderContracts contracts;
    private final ContentStore contents;
    private final Pacticipants pacticipants;
    private final Teams teams;
    private final EventLog events;
    private final Clock clock;

    Proposals(ProposalStore store, AgreementStore agreements, ProposedChanges changes, ProviderContracts contracts,
            ContentStore contents, Pacticipants pacticipants, Teams teams, EventLog events, Clock clock) {
        this.store = store;
        this.agreements = agreements;
        this.changes = changes;
        this.contracts = contracts;
        this.contents = contents;
        this.pacticipants = pacticipants;
        this.teams = teams;
        this.events = events;
        this.clock = clock;
    }

    /** A proposal that did not pass the reviewer rule: the team is not asked to review it. */
    static final class NotAReviewer extends RuntimeException {
        NotAReviewer(String message) {
            super(message);
        }
    }

    Mono<Proposal> propose(Propose request, Acting acting) {
        return contracts.parseCandidate(request.document(), Validation.STRICT)
                .flatMap(document -> ownerOf(request.application())
                        .flatMap(owner -> store.find(proposalId(request, acting, document))
                                .switchIfEmpty(Mono.defer(() -> open(request, acting, document, owner.orElse(null))))))
                .flatMap(this::announceOpened);
    }

    private static String proposalId(Propose request, Acting acting, ParsedDocument document) {
        String key = request.key() != null ? "key|" + request.key()
                : String.join("|", String.valueOf(acting.team()), request.title(), document.sha256(),
                        String.valueOf(request.baseVersion()), String.join(",", request.reviewers()));
        return OpenApiDocuments.sha256((request.application() + "|" + key).getBytes(StandardCharsets.UTF_8))
                .substring(0, 20);
    }

    /** A revision and the teams of every consumer checked against it (the informed reviewers). */
    private record Assessed(Revision revision, List<String> consumerTeams) {
    }

    private Mono<Proposal> open(Propose request, Acting acting, ParsedDocument document, String owner) {
        String id = proposalId(request, acting, document);
        return assess(1, request.application(), request.baseVersion(), request.document(), request.contentType(),
                        document)
                .flatMap(assessed -> claimIfNew(request.application(), acting.team())
                        .thenReturn(new Proposal(id, request.application(), request.title(), request.description(),
                                Proposal.Status.OPEN, acting.team(), owner, request.reviewers(),
                                List.of(assessed.revision()), ReviewRules.reviewers(acting.team(), owner,
                                        request.reviewers(), assessed.revision(), assessed.consumerTeams()),
                                List.of(), List.of(), clock.instant(), null, 1)))
                .flatMap(store::insert);
    }

    private Mono<Assessed> assess(int number, String application, String baseVersion, byte[] raw, String contentType,
            ParsedDocument document) {
        return changes.assess(application, baseVersion, document)
                .flatMap(result -> store(raw, contentType, document)
                        .thenReturn(new Assessed(revision(number, raw, contentType, document, result),
                                result.consumerTeams())));
    }

    private Mono<Proposal> announceOpened(Proposal proposal) {
        return index(proposal)
                .then(events.record(ProposalEvents.opened(proposal)))
                .thenReturn(proposal);
    }

    private Mono<Void> index(Proposal proposal) {
        Flux<String> keys = Flux.concat(Flux.just(ProposalStore.ALL, ProposalStore.applicationKey(proposal.application())),
                Flux.fromIterable(proposal.reviewers()).map(r -> ProposalStore.teamKey(r.team())),
                Mono.justOrEmpty(proposal.team()).map(ProposalStore::teamKey));
        return keys.distinct().concatMap(key -> store.index(key, proposal.id())).then();
    }

    private Mono<Void> store(byte[] raw, String contentType, ParsedDocument document) {
        return contents.put(document.sha256(), document.canonicalJson(), "application/json")
                .then(contents.put(rawId(raw), raw, contentType))
                .then();
    }

    private static String rawId(byte[] raw) {
        return "raw:" + OpenApiDocuments.sha256(raw);
    }

    private Revision revision(int number, byte[] raw, String contentType, ParsedDocument document,
            ProposedChanges.Result result) {
        List<ProposedFinding> findings = result.findings().stream().map(Proposals::finding).toList();
        List<Impact> impact = result.consumers().stream()
                .map(consumer -> new Impact(consumer.consumer(), consumer.consumerVersions().isEmpty() ? null
                        : consumer.consumerVersions().get(0), consumer.team(),
                        consumer.failures().stream().map(Proposals::failure).toList()))
                .toList();
        return new Revision(number, rawId(raw), document.sha256(), contentType, result.baseVersion(), findings, impact,
                clock.instant());
    }

    private static ProposedFinding finding(Finding finding) {
        String path = finding.revisionPointer() != null ? finding.revisionPointer() : finding.basePointer();
        return new ProposedFinding(finding.ruleId(), finding.level().name(), finding.operation(), path,
                finding.message(), finding.fingerprint());
    }

    private static ImpactFailure failure(Failure failure) {
        return new ImpactFailure(failure.interaction(), failure.operation() != null ? failure.operation()
                : failure.request(), failure.field(), failure.code(), failure.ruleId(), failure.message());
    }

    /** The next revision; the same document as the current revision is a retry and changes nothing. */
    Mono<Proposal> revise(String id, byte[] raw, String contentType, Acting acting) {
        return contracts.parseCandidate(raw, Validation.STRICT)
                .flatMap(document -> store.require(id)
                        .map(proposal -> requireProposer(proposal, acting))
                        .map(Proposals::requireOpen)
                        .flatMap(proposal -> proposal.current().sha256().equals(document.sha256())
                                ? Mono.just(proposal)
                                : assess(proposal.revisions().size() + 1, proposal.application(),
                                        proposal.revision(1).baseVersion(), raw, contentType, document)
                                        .flatMap(assessed -> store.update(id, current -> withRevision(
                                                requireOpen(current), assessed)))))
                .flatMap(this::announceRevised);
    }

    private Proposal withRevision(Proposal current, Assessed assessed) {
        if (current.current().sha256().equals(assessed.revision().sha256())) {
            return current;
        }
        Revision revision = new Revision(current.revisions().size() + 1, assessed.revision().rawId(),
                assessed.revision().sha256(), assessed.revision().contentType(), assessed.revision().baseVersion(),
                assessed.revision().findings(), assessed.revision().impact(), assessed.revision().at());
        return agreeIfApproved(current.withRevision(revision, ReviewRules.revised(current.team(), current.owner(),
                current.named(), current.reviewers(), revision, assessed.consumerTeams())));
    }

    private Mono<Proposal> announceRevised(Proposal proposal) {
        Mono<Void> revised = proposal.revisions().size() == 1 ? Mono.empty()
                : events.record(ProposalEvents.revised(proposal)).then();
        return index(proposal).then(revised).then(announceAgreed(proposal)).thenReturn(proposal);
    }

    Mono<Proposal> review(String id, Review review, Acting acting) {
        return Mono.fromCallable(() -> actingFor(acting, review.team()))
                .flatMap(team -> store.update(id, current -> reviewed(current, team, review, acting)))
                .flatMap(proposal -> events.record(ProposalEvents.reviewed(proposal,
                                proposal.reviewer(actingTeam(acting, review.team())), review.key()))
                        .then(announceAgreed(proposal))
                        .thenReturn(proposal));
    }

    private Proposal reviewed(Proposal current, String team, Review review, Acting acting) {
        if (retried(current, team, review.key())) {
            return current;
        }
        requireOpen(current);
        Revision revision = current.current();
        if (review.revision() != null && review.revision() != revision.number()) {
            throw new ConflictException("revision", "Revision " + review.revision() + " of proposal " + current.id()
                    + " is no longer current; review revision " + revision.number(), "stale-revision",
                    java.util.Map.of("currentRevision", revision.number()));
        }
        Reviewer reviewer = current.reviewer(team);
        if (reviewer == null) {
            throw new NotAReviewer("Team '" + team + "' is not a reviewer of proposal " + current.id() + "; reviewers: "
                    + current.reviewers().stream().map(Reviewer::team).toList());
        }
        boolean approve = review.decision() == Reviewer.Decision.APPROVED;
        Reviewer decided = new Reviewer(team, reviewer.required(), review.decision(), revision.number(),
                clock.instant(), approve ? List.copyOf(ReviewRules.concerning(team, revision)) : List.of(),
                acting.actor());
        List<Reviewer> reviewers = current.reviewers().stream().map(r -> r.team().equals(team) ? decided : r).toList();
        Comment comment = new Comment(review.key(), team, revision.number(), review.comment(), review.decision().wire(),
                review.operation(), review.fingerprint(), clock.instant(), acting.actor());
        return agreeIfApproved(current.withReviewers(reviewers).withComment(comment).withRequest(review.key()));
    }

    /**
     * Whether the request was applied already. A key derived from the content only matches the team's latest
     * entry, so approving, requesting changes and approving again with the same words is three reviews.
     */
    private static boolean retried(Proposal proposal, String team, String key) {
        if (!key.startsWith("derived|")) {
            return proposal.handled(key);
        }
        List<Comment> own = proposal.comments().stream().filter(c -> java.util.Objects.equals(team, c.team())).toList();
        return !own.isEmpty() && key.equals(own.get(own.size() - 1).id());
    }

    private Proposal agreeIfApproved(Proposal proposal) {
        return proposal.open() && ReviewRules.agreed(proposal.reviewers())
                ? proposal.closed(Proposal.Status.AGREED, clock.instant()) : proposal;
    }

    /**
     * Once agreed: the agreement (the agreed revision's document and the fingerprints of its breaking findings) is
     * recorded, then its event; both idempotent, so done again on a retry.
     */
    private Mono<Void> announceAgreed(Proposal proposal) {
        if (proposal.status() != Proposal.Status.AGREED) {
            return Mono.empty();
        }
        Revision revision = proposal.current();
        List<String> approvers = proposal.reviewers().stream().filter(Reviewer::approvedIt).map(Reviewer::team).toList();
        AgreementStore.Agreement agreement = new AgreementStore.Agreement(proposal.id(), revision.number(),
                proposal.title(), revision.rawId(), revision.sha256(), revision.contentType(), proposal.closedAt(),
                approvers, revision.findings().stream().filter(ProposedFinding::breaking)
                        .map(ProposedFinding::fingerprint).toList());
        return agreements.record(proposal.application(), agreement)
                .then(events.record(ProposalEvents.agreed(proposal)))
                .then();
    }

    Mono<Proposal> comment(String id, Remark remark, Acting acting) {
        return Mono.fromCallable(() -> actingTeam(acting, remark.team()))
                .flatMap(team -> store.update(id, current -> retried(current, team, remark.key()) ? current
                        : requireOpen(current).withComment(new Comment(remark.key(), team, current.current().number(),
                                remark.text(), null, remark.operation(), remark.fingerprint(), clock.instant(),
                                acting.actor())).withRequest(remark.key())));
    }

    Mono<Proposal> withdraw(String id, Acting acting) {
        return store.require(id)
                .map(proposal -> requireProposer(proposal, acting))
                .flatMap(found -> store.update(id, current -> switch (current.status()) {
                    case WITHDRAWN -> current;
                    case AGREED -> throw new ConflictException("status", "Proposal " + id
                            + " is agreed and cannot be withdrawn; propose a change instead");
                    case OPEN -> current.closed(Proposal.Status.WITHDRAWN, clock.instant());
                }))
                .flatMap(proposal -> events.record(ProposalEvents.withdrawn(proposal)).thenReturn(proposal));
    }

    Mono<Proposal> find(String id) {
        return store.require(id);
    }

    Flux<Proposal> ofApplication(String application, Proposal.Status status) {
        return store.indexed(ProposalStore.applicationKey(application))
                .filter(proposal -> status == null || proposal.status() == status);
    }

    /** The proposals the team is asked about; {@code awaiting}: the open ones where its approval is still required. */
    Flux<Proposal> ofTeam(String team, boolean awaiting) {
        return store.indexed(ProposalStore.teamKey(team))
                .filter(proposal -> !awaiting || proposal.open() && ReviewRules.awaiting(proposal.reviewers()).contains(team));
    }

    /** Every proposal, newest first (the UI's list; proposals are few next to documents and pacts). */
    Flux<Proposal> all() {
        return store.indexed(ProposalStore.ALL);
    }

    Mono<AgreementStore.Agreement> agreed(String application) {
        return agreements.latest(application);
    }

    Flux<AgreementStore.Agreement> agreementHistory(String application) {
        return agreements.history(application);
    }

    /** The document of an agreement (or revision) as proposed. */
    Mono<byte[]> content(String rawId) {
        return contents.get(rawId).switchIfEmpty(Mono.error(() -> new IllegalStateException(
                "content " + rawId + " is missing from storage")));
    }

    private static Proposal requireOpen(Proposal proposal) {
        if (!proposal.open()) {
            throw new ConflictException("status", "Proposal " + proposal.id() + " is " + proposal.status().wire()
                    + "; it can no longer be revised, reviewed or commented on", "proposal-closed",
                    java.util.Map.of("status", proposal.status().wire()));
        }
        return proposal;
    }

    /** Only the proposing team (or an admin, or anyone in open mode) revises or withdraws. */
    private static Proposal requireProposer(Proposal proposal, Acting acting) {
        if (!acting.anyTeam() && !java.util.Objects.equals(acting.team(), proposal.team())) {
            throw new ForbiddenException("Only team '" + proposal.team() + "' (which proposed it) or an admin may "
                    + "revise or withdraw proposal " + proposal.id() + "; this token acts for team '" + acting.team() + "'");
        }
        return proposal;
    }

    /** The team a review or comment is made for: the token's own, or (open mode, admin) the one named. */
    private static String actingTeam(Acting acting, String named) {
        if (acting.anyTeam()) {
            return named != null ? named : acting.team();
        }
        if (named != null && !named.equals(acting.team())) {
            throw new ForbiddenException("This token acts for team '" + acting.team() + "' and cannot act for team '"
                    + named + "'");
        }
        return acting.team();
    }

    private static String actingFor(Acting acting, String named) {
        String team = actingTeam(acting, named);
        if (team == null) {
            throw new dev.covenant.registry.system.InvalidRequestException("team", "name the reviewing team");
        }
        return team;
    }

    /**
     * The team owning the application, if any. The one place this feature asks about ownership (moving to
     * {@code pacticipants/ApplicationOwnership}).
     */
    private Mono<Optional<String>> ownerOf(String application) {
        return teams.teamOf(application).map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    /** A new interface: the application is created, owned by the proposing team. */
    private Mono<Void> claimIfNew(String application, String team) {
        return pacticipants.application(application)
                .map(existing -> true)
                .defaultIfEmpty(false)
                .flatMap(exists -> exists ? Mono.empty()
                        : team == null ? pacticipants.ensureApplication(application).then()
                        : pacticipants.claimApplication(application, team).then());
    }
}
