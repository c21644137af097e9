package dev.covenant.registry.proposals;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * One version of a proposal's document and what it changes.
 *
 * @param number      1 for the document first proposed
 * @param rawId       content id of the document as proposed (YAML or JSON)
 * @param sha256      content id of its normalized JSON
 * @param baseVersion the published version it was compared with, or null (a new interface)
 * @param findings    base → this document, breaking first
 * @param impact      per consumer, what in its pact this document breaks
 */
record Revision(int number, String rawId, String sha256, String contentType, String baseVersion,
        List<ProposedFinding> findings, List<Impact> impact, Instant at) {

    /** A change the proposal makes, with the fingerprint reviews follow it by. */
    record ProposedFinding(String ruleId, String level, String operation, String path, String message,
            String fingerprint) {

        boolean breaking() {
            return "ERR".equals(level);
        }

        Document toDocument() {
            return new Document("ruleId", ruleId).append("level", level).append("operation", operation)
                    .append("path", path).append("message", message).append("fingerprint", fingerprint);
        }

        static ProposedFinding from(Document d) {
            return new ProposedFinding(d.getString("ruleId"), d.getString("level"), d.getString("operation"),
                    d.getString("path"), d.getString("message"), d.getString("fingerprint"));
        }
    }

    /** A consumer the proposal breaks, and how. */
    record Impact(String consumer, String consumerVersion, String team, List<ImpactFailure> failures) {

        Document toDocument() {
            return new Document("consumer", consumer).append("consumerVersion", consumerVersion).append("team", team)
                    .append("failures", failures.stream().map(ImpactFailure::toDocument).toList());
        }

        static Impact from(Document d) {
            return new Impact(d.getString("consumer"), d.getString("consumerVersion"), d.getString("team"),
                    d.getList("failures", Document.class, List.of()).stream().map(ImpactFailure::from).toList());
        }
    }

    /** One interaction of a consumer's pact that would fail against the proposed document. */
    record ImpactFailure(String interaction, String operation, String field, String code, String ruleId,
            String message) {

        Document toDocument() {
            return new Document("interaction", interaction).append("operation", operation).append("field", field)
                    .append("code", code).append("ruleId", ruleId).append("message", message);
        }

        static ImpactFailure from(Document d) {
            return new ImpactFailure(d.getString("interaction"), d.getString("operation"), d.getString("field"),
                    d.getString("code"), d.getString("ruleId"), d.getString("message"));
        }
    }

    List<ProposedFinding> breaking() {
        return findings.stream().filter(ProposedFinding::breaking).toList();
    }

    Document toDocument() {
        return new Document("number", number).append("rawId", rawId).append("sha256", sha256)
                .append("contentType", contentType).append("baseVersion", baseVersion)
                .append("findings", findings.stream().map(ProposedFinding::toDocument).toList())
                .append("impact", impact.stream().map(Impact::toDocument).toList())
                .append("at", Date.from(at));
    }

    static Revision from(Document d) {
        return new Revision(d.getInteger("number"), d.getString("rawId"), d.getString("sha256"),
                d.getString("contentType"), d.getString("baseVersion"),
                d.getList("findings", Document.class, List.of()).stream().map(ProposedFinding::from).toList(),
                d.getList("impact", Document.class, List.of()).stream().map(Impact::from).toList(),
                d.getDate("at").toInstant());
    }
}
