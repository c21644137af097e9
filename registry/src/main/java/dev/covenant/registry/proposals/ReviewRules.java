package dev.covenant.registry.proposals;

import dev.covenant.registry.proposals.Revision.Impact;
import dev.covenant.registry.proposals.Revision.ProposedFinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who reviews a proposal and when it is agreed. Pure functions over the domain records.
 * <ul>
 * <li>Required: the team of each consumer the revision breaks; the application's owning team when another team
 * proposes; every team the proposer names. With none of these, the owning team (else the proposer's) approves.</li>
 * <li>Informed: the teams of the application's other consumers.</li>
 * <li>A team once required stays required for later revisions (it asked for changes, or approved, and the
 * proposal keeps needing its word).</li>
 * <li>An approval survives a revision only if the breaking findings concerning that team are a subset of those it
 * approved (by fingerprint); otherwise, like a request for changes, the team is pending again.</li>
 * </ul>
 */
final class ReviewRules {

    private ReviewRules() {
    }

    /**
     * The reviewers a revision calls for.
     *
     * @param consumerTeams the teams of every consumer of the application (broken or not)
     */
    static List<Reviewer> reviewers(String proposer, String owner, List<String> named, Revision revision,
            List<String> consumerTeams) {
        Set<String> required = new LinkedHashSet<>();
        revision.impact().stream().map(Impact::team).filter(Objects::nonNull).forEach(required::add);
        if (owner != null && !owner.equals(proposer)) {
            required.add(owner);
        }
        required.addAll(named);
        if (required.isEmpty()) {
            String approver = owner != null ? owner : proposer;
            if (approver != null) {
                required.add(approver);
            }
        }
        List<Reviewer> reviewers = new ArrayList<>();
        required.forEach(team -> reviewers.add(Reviewer.pending(team, true)));
        consumerTeams.stream()
                .filter(Objects::nonNull)
                .filter(team -> !required.contains(team))
                .distinct()
                .forEach(team -> reviewers.add(Reviewer.pending(team, false)));
        return List.copyOf(reviewers);
    }

    /** The reviewers of a new revision, given those of the one before (required teams stay required). */
    static List<Reviewer> revised(String proposer, String owner, List<String> named, List<Reviewer> previous,
            Revision revision, List<String> consumerTeams) {
        Set<String> stillRequired = new LinkedHashSet<>(named);
        previous.stream().filter(Reviewer::required).map(Reviewer::team).forEach(stillRequired::add);
        List<Reviewer> called = reviewers(proposer, owner, List.copyOf(stillRequired), revision, consumerTeams);
        return afterRevision(previous, called, revision);
    }

    /**
     * The reviewers after a new revision: who the revision calls for, each keeping an approval only when nothing
     * breaking that concerns it is new; a team no longer called for keeps its entry, as informed.
     */
    static List<Reviewer> afterRevision(List<Reviewer> previous, List<Reviewer> called, Revision revision) {
        Map<String, Reviewer> before = previous.stream()
                .collect(Collectors.toMap(Reviewer::team, r -> r, (a, b) -> a, LinkedHashMap::new));
        List<Reviewer> next = new ArrayList<>();
        for (Reviewer reviewer : called) {
            Reviewer earlier = before.remove(reviewer.team());
            if (earlier == null) {
                next.add(reviewer);
            } else if (earlier.approvedIt() && approvalSurvives(earlier, revision)) {
                next.add(earlier.withRequired(reviewer.required()));
            } else {
                next.add(earlier.reset().withRequired(reviewer.required()));
            }
        }
        before.values().forEach(rest -> next.add(rest.withRequired(false)));
        return List.copyOf(next);
    }

    static boolean approvalSurvives(Reviewer approval, Revision revision) {
        return approval.approved().containsAll(concerning(approval.team(), revision));
    }

    /**
     * The fingerprints of the revision's breaking findings that concern a team: for a team whose consumers it
     * breaks, the findings on the operations their failures are on (all breaking findings when none route to one);
     * for any other reviewer (owner, named), every breaking finding.
     */
    static Set<String> concerning(String team, Revision revision) {
        List<ProposedFinding> breaking = revision.breaking();
        Set<String> operations = revision.impact().stream()
                .filter(impact -> team.equals(impact.team()))
                .flatMap(impact -> impact.failures().stream())
                .map(Revision.ImpactFailure::operation)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        List<ProposedFinding> concerning = operations.isEmpty() ? breaking
                : breaking.stream().filter(f -> operations.contains(f.operation())).toList();
        if (concerning.isEmpty() && !operations.isEmpty()) {
            concerning = breaking;
        }
        return concerning.stream().map(ProposedFinding::fingerprint).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Agreed once there is a required reviewer and every required reviewer approved. */
    static boolean agreed(List<Reviewer> reviewers) {
        List<Reviewer> required = reviewers.stream().filter(Reviewer::required).toList();
        return !required.isEmpty() && required.stream().allMatch(Reviewer::approvedIt);
    }

    /** The teams still to approve. */
    static List<String> awaiting(List<Reviewer> reviewers) {
        return reviewers.stream().filter(Reviewer::required).filter(r -> !r.approvedIt()).map(Reviewer::team).toList();
    }
}
