package dev.covenant.registry.proposals;

import dev.covenant.registry.proposals.Revision.Impact;
import dev.covenant.registry.proposals.Revision.ImpactFailure;
import dev.covenant.registry.proposals.Revision.ProposedFinding;
import dev.covenant.registry.system.Links;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of proposals and agreements (rendering only). */
final class ProposalViews {

    private ProposalViews() {
    }

    static Map<String, Object> proposal(Proposal proposal, Links links) {
        Revision current = proposal.current();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", proposal.id());
        view.put("application", proposal.application());
        view.put("title", proposal.title());
        view.put("description", proposal.description());
        view.put("status", proposal.status().wire());
        view.put("revision", current.number());
        view.put("team", proposal.team());
        view.put("base", current.baseVersion() == null ? null : Map.of("version", current.baseVersion()));
        view.put("findings", current.findings().stream().map(ProposalViews::finding).toList());
        view.put("impact", current.impact().stream().map(ProposalViews::impact).toList());
        view.put("reviewers", proposal.reviewers().stream().map(ProposalViews::reviewer).toList());
        view.put("awaiting", ReviewRules.awaiting(proposal.reviewers()));
        view.put("comments", proposal.comments().stream().map(ProposalViews::comment).toList());
        view.put("revisions", proposal.revisions().stream().map(r -> revision(proposal, r, links)).toList());
        view.put("createdAt", proposal.createdAt().toString());
        view.put(proposal.status() == Proposal.Status.AGREED ? "agreedAt" : "closedAt",
                proposal.closedAt() == null ? null : proposal.closedAt().toString());
        view.put("_links", links(proposal, links));
        return view;
    }

    static Map<String, Object> summary(Proposal proposal, Links links) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", proposal.id());
        view.put("application", proposal.application());
        view.put("title", proposal.title());
        view.put("status", proposal.status().wire());
        view.put("revision", proposal.current().number());
        view.put("team", proposal.team());
        view.put("breakingChanges", proposal.current().breaking().size());
        view.put("awaiting", ReviewRules.awaiting(proposal.reviewers()));
        view.put("createdAt", proposal.createdAt().toString());
        view.put("_links", Map.of("self", Links.link(links.href("proposals", proposal.id()))));
        return view;
    }

    private static Map<String, Object> links(Proposal proposal, Links links) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("self", Links.link(links.href("proposals", proposal.id())));
        view.put("document", Links.link(links.href("proposals", proposal.id(), "document")));
        view.put("reviews", Links.link(links.href("proposals", proposal.id(), "reviews")));
        view.put("comments", Links.link(links.href("proposals", proposal.id(), "comments")));
        view.put("application", Links.link(links.href("applications", proposal.application())));
        view.put("agreed", Links.link(links.href("applications", proposal.application(), "agreed")));
        view.put("ui", Links.link(links.href("ui", "proposals", proposal.id())));
        return view;
    }

    private static Map<String, Object> revision(Proposal proposal, Revision revision, Links links) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("number", revision.number());
        view.put("baseVersion", revision.baseVersion());
        view.put("breakingChanges", revision.breaking().size());
        view.put("at", revision.at().toString());
        view.put("document", links.raw(Proposal.path(proposal.id()) + "/document?revision=" + revision.number()));
        return view;
    }

    static Map<String, Object> finding(ProposedFinding finding) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("ruleId", finding.ruleId());
        view.put("level", finding.level());
        view.put("operation", finding.operation());
        view.put("path", finding.path());
        view.put("message", finding.message());
        view.put("fingerprint", finding.fingerprint());
        return view;
    }

    private static Map<String, Object> impact(Impact impact) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("consumer", impact.consumer());
        view.put("consumerVersion", impact.consumerVersion());
        view.put("team", impact.team());
        view.put("failures", impact.failures().stream().map(ProposalViews::failure).toList());
        return view;
    }

    private static Map<String, Object> failure(ImpactFailure failure) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("interaction", failure.interaction());
        view.put("operation", failure.operation());
        view.put("field", failure.field());
        view.put("code", failure.code());
        view.put("ruleId", failure.ruleId());
        view.put("message", failure.message());
        return view;
    }

    private static Map<String, Object> reviewer(Reviewer reviewer) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("team", reviewer.team());
        view.put("required", reviewer.required());
        view.put("decision", reviewer.decision().wire());
        view.put("revision", reviewer.revision() == 0 ? null : reviewer.revision());
        view.put("at", reviewer.at() == null ? null : reviewer.at().toString());
        view.put("by", reviewer.actor());
        return view;
    }

    private static Map<String, Object> comment(Comment comment) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("team", comment.team());
        view.put("revision", comment.revision());
        view.put("text", comment.text());
        if (comment.decision() != null) {
            view.put("decision", comment.decision());
        }
        if (comment.operation() != null) {
            view.put("operation", comment.operation());
        }
        if (comment.fingerprint() != null) {
            view.put("fingerprint", comment.fingerprint());
        }
        view.put("at", comment.at().toString());
        view.put("by", comment.actor());
        return view;
    }

    static Map<String, Object> agreement(String application, AgreementStore.Agreement agreement, Links links) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("application", application);
        view.put("proposalId", agreement.proposalId());
        view.put("revision", agreement.revision());
        view.put("title", agreement.title());
        view.put("agreedAt", agreement.agreedAt().toString());
        view.put("teams", agreement.teams());
        view.put("fingerprints", agreement.fingerprints());
        view.put("_links", Map.of("proposal", Links.link(links.href("proposals", agreement.proposalId())),
                "document", Links.link(links.raw(Proposal.path(agreement.proposalId()) + "/document?revision="
                        + agreement.revision()))));
        return view;
    }

    static Map<String, Object> list(String key, List<Map<String, Object>> items) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put(key, items);
        view.put("count", items.size());
        return view;
    }
}
