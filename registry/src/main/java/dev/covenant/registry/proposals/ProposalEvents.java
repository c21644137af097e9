package dev.covenant.registry.proposals;

import dev.covenant.registry.events.Audience;
import dev.covenant.registry.events.Audience.Concern;
import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventPayload;
import dev.covenant.registry.events.EventTypes;
import dev.covenant.registry.proposals.Revision.Impact;
import dev.covenant.registry.proposals.Revision.ImpactFailure;
import dev.covenant.registry.proposals.Revision.ProposedFinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The events of a proposal's life. Each names the proposal (its path, for the link in notifications) and, in its
 * audience, every team it concerns with that team's role and the failures and findings that concern it. Ids are
 * derived from what happened, so recording one again (a retried request) records nothing new.
 */
final class ProposalEvents {

    /** Failures and findings listed per team; the rest are counted in the proposal itself. */
    static final int MAX_LISTED = 100;

    private ProposalEvents() {
    }

    static Event opened(Proposal proposal) {
        return event(EventTypes.PROPOSAL_OPENED, proposal, reviewersAudience(proposal), "Proposal '"
                + proposal.title() + "' for " + proposal.application() + " opened" + by(proposal), "1");
    }

    static Event revised(Proposal proposal) {
        int revision = proposal.current().number();
        return event(EventTypes.PROPOSAL_REVISED, proposal, reviewersAudience(proposal), "Proposal '"
                + proposal.title() + "' for " + proposal.application() + " revised (revision " + revision + ")",
                String.valueOf(revision));
    }

    static Event reviewed(Proposal proposal, Reviewer reviewer, String request) {
        List<Audience> audience = new ArrayList<>();
        addTeam(audience, proposal.team(), proposal, "proposer");
        proposal.reviewers().stream().filter(Reviewer::required).filter(r -> !r.team().equals(reviewer.team()))
                .forEach(other -> addTeam(audience, other.team(), proposal, "required-reviewer"));
        return Event.of(proposal.application(), null, payload(EventTypes.PROPOSAL_REVIEWED, proposal, audience,
                "Team " + reviewer.team() + " " + (reviewer.approvedIt() ? "approved" : "requested changes to")
                        + " proposal '" + proposal.title() + "' for " + proposal.application(),
                reviewer.team(), reviewer.decision().wire()), proposal.id(), request);
    }

    static Event agreed(Proposal proposal) {
        List<Audience> audience = reviewersAudience(proposal);
        addTeam(audience, proposal.team(), proposal, "proposer");
        return event(EventTypes.PROPOSAL_AGREED, proposal, audience, "Proposal '" + proposal.title() + "' for "
                + proposal.application() + " is agreed: revision " + proposal.current().number()
                + " is the agreed contract", "agreed");
    }

    static Event withdrawn(Proposal proposal) {
        return event(EventTypes.PROPOSAL_WITHDRAWN, proposal, reviewersAudience(proposal), "Proposal '"
                + proposal.title() + "' for " + proposal.application() + " was withdrawn", "withdrawn");
    }

    private static String by(Proposal proposal) {
        return proposal.team() == null ? "" : " by team " + proposal.team();
    }

    private static Event event(String type, Proposal proposal, List<Audience> audience, String summary,
            String discriminator) {
        return Event.of(proposal.application(), null, payload(type, proposal, audience, summary, null, null),
                proposal.id(), discriminator);
    }

    private static EventPayload.ProposalChanged payload(String type, Proposal proposal, List<Audience> audience,
            String summary, String reviewer, String decision) {
        return new EventPayload.ProposalChanged(type, proposal.id(), proposal.title(), proposal.current().number(),
                proposal.status().wire(), proposal.team(), summary, Proposal.path(proposal.id()), audience, reviewer,
                decision);
    }

    private static List<Audience> reviewersAudience(Proposal proposal) {
        List<Audience> audience = new ArrayList<>();
        for (Reviewer reviewer : proposal.reviewers()) {
            addTeam(audience, reviewer.team(), proposal, reviewer.required() ? "required-reviewer" : "informed");
        }
        return audience;
    }

    private static void addTeam(List<Audience> audience, String team, Proposal proposal, String role) {
        if (team == null || audience.stream().anyMatch(entry -> team.equals(entry.team()))) {
            return;
        }
        Revision revision = proposal.current();
        List<Impact> own = revision.impact().stream().filter(impact -> team.equals(impact.team())).toList();
        audience.add(new Audience(own.isEmpty() ? proposal.application() : own.get(0).consumer(), team, role,
                concerns(team, revision, own)));
    }

    /** The consumer failures of the team's applications, then the breaking findings that concern it. */
    private static List<Concern> concerns(String team, Revision revision, List<Impact> own) {
        List<Concern> listed = new ArrayList<>();
        for (Impact impact : own) {
            for (ImpactFailure failure : impact.failures()) {
                listed.add(new Concern(failure.interaction(), failure.operation(), failure.field(), failure.code(),
                        failure.ruleId(), failure.message(), null));
            }
        }
        Set<String> concerning = ReviewRules.concerning(team, revision);
        for (ProposedFinding finding : revision.breaking()) {
            if (concerning.contains(finding.fingerprint())) {
                listed.add(new Concern(null, finding.operation(), null, null, finding.ruleId(), finding.message(),
                        finding.fingerprint()));
            }
        }
        return listed.size() > MAX_LISTED ? List.copyOf(listed.subList(0, MAX_LISTED)) : listed;
    }
}
