package dev.covenant.registry.proposals;

import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventTypes;
import dev.covenant.registry.proposals.Revision.Impact;
import dev.covenant.registry.proposals.Revision.ImpactFailure;
import dev.covenant.registry.proposals.Revision.ProposedFinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        List<Map<String, Object>> audience = new ArrayList<>();
        addTeam(audience, proposal.team(), proposal, "proposer");
        proposal.reviewers().stream().filter(Reviewer::required).filter(r -> !r.team().equals(reviewer.team()))
                .forEach(other -> addTeam(audience, other.team(), proposal, "required-reviewer"));
        Event base = event(EventTypes.PROPOSAL_REVIEWED, proposal, audience, "Team " + reviewer.team() + " "
                + (reviewer.approvedIt() ? "approved" : "requested changes to") + " proposal '" + proposal.title()
                + "' for " + proposal.application(), request);
        Map<String, Object> attributes = new LinkedHashMap<>(base.attributes());
        attributes.put("team", reviewer.team());
        attributes.put("decision", reviewer.decision().wire());
        return Event.of(base.type(), base.application(), null, attributes, proposal.id(), request);
    }

    static Event agreed(Proposal proposal) {
        List<Map<String, Object>> audience = reviewersAudience(proposal);
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

    private static Event event(String type, Proposal proposal, List<Map<String, Object>> audience, String summary,
            String discriminator) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("proposalId", proposal.id());
        attributes.put("title", proposal.title());
        attributes.put("revision", proposal.current().number());
        attributes.put("status", proposal.status().wire());
        attributes.put("proposingTeam", proposal.team());
        attributes.put("summary", summary);
        attributes.put("reportPath", Proposal.path(proposal.id()));
        attributes.put("audience", audience);
        return Event.of(type, proposal.application(), null, attributes, proposal.id(), discriminator);
    }

    private static List<Map<String, Object>> reviewersAudience(Proposal proposal) {
        List<Map<String, Object>> audience = new ArrayList<>();
        for (Reviewer reviewer : proposal.reviewers()) {
            addTeam(audience, reviewer.team(), proposal, reviewer.required() ? "required-reviewer" : "informed");
        }
        return audience;
    }

    private static void addTeam(List<Map<String, Object>> audience, String team, Proposal proposal, String role) {
        if (team == null || audience.stream().anyMatch(entry -> team.equals(entry.get("team")))) {
            return;
        }
        Revision revision = proposal.current();
        List<Impact> own = revision.impact().stream().filter(impact -> team.equals(impact.team())).toList();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("application", own.isEmpty() ? proposal.application() : own.get(0).consumer());
        entry.put("team", team);
        entry.put("role", role);
        entry.put("failures", concerns(team, revision, own));
        audience.add(entry);
    }

    /** The consumer failures of the team's applications, then the breaking findings that concern it. */
    private static List<Map<String, Object>> concerns(String team, Revision revision, List<Impact> own) {
        List<Map<String, Object>> listed = new ArrayList<>();
        for (Impact impact : own) {
            for (ImpactFailure failure : impact.failures()) {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("interaction", failure.interaction());
                view.put("operation", failure.operation());
                view.put("field", failure.field());
                view.put("code", failure.code());
                view.put("ruleId", failure.ruleId());
                view.put("message", failure.message());
                listed.add(view);
            }
        }
        Set<String> concerning = ReviewRules.concerning(team, revision);
        for (ProposedFinding finding : revision.breaking()) {
            if (concerning.contains(finding.fingerprint())) {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("operation", finding.operation());
                view.put("ruleId", finding.ruleId());
                view.put("message", finding.message());
                view.put("fingerprint", finding.fingerprint());
                listed.add(view);
            }
        }
        return listed.size() > MAX_LISTED ? List.copyOf(listed.subList(0, MAX_LISTED)) : listed;
    }
}
