package dev.covenant.registry.checks;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The result of checking one pact content against the document of one provider version. Both are immutable
 * (content-addressed pact, one document per version), so the result is a fact, computed once and looked up by
 * {@code _id} = {@code sha|providerVersion}.
 *
 * @param sha         the pact's content hash (it names consumer and provider)
 * @param documentSha the document's content hash
 * @param success     no HTTP interaction failed (see {@code coverage} for what was not checked at all)
 * @param reportId    the report whose check computed it
 * @param coverage    which interactions were checked; null for a result stored before it was recorded
 */
public record CrossCheck(String sha, String consumer, String provider, String providerVersion, String documentSha,
        boolean success, List<Failure> failures, String reportId, Instant checkedAt, Coverage coverage) {

    /** The same result with its coverage (for results stored before coverage was recorded). */
    CrossCheck withCoverage(Coverage counted) {
        return new CrossCheck(sha, consumer, provider, providerVersion, documentSha, success, failures, reportId,
                checkedAt, counted);
    }

    static String id(String sha, String providerVersion) {
        return sha + "|" + providerVersion;
    }

    Document toDocument() {
        return new Document("_id", id(sha, providerVersion)).append("sha", sha).append("consumer", consumer)
                .append("provider", provider).append("providerVersion", providerVersion)
                .append("documentSha", documentSha).append("success", success)
                .append("failures", failures.stream().map(Failure::toDocument).toList())
                .append("reportId", reportId).append("checkedAt", Date.from(checkedAt))
                .append("coverage", coverage == null ? null : coverage.toDocument());
    }

    static CrossCheck from(Document document) {
        return new CrossCheck(document.getString("sha"), document.getString("consumer"),
                document.getString("provider"), document.getString("providerVersion"),
                document.getString("documentSha"), Boolean.TRUE.equals(document.getBoolean("success")),
                document.getList("failures", Document.class, List.of()).stream().map(Failure::from).toList(),
                document.getString("reportId"), document.getDate("checkedAt").toInstant(),
                Coverage.from(document.get("coverage", Document.class)));
    }

    /**
     * As a report lists it, for the consumer version it was checked for.
     *
     * @param shown            the failures to report (all, or those the change introduced), at most
     *                         {@link Failure#MAX_LISTED} listed
     * @param consumerVersions the consumer versions carrying the pact (a document's report), or null
     */
    PactCheck part(String consumerVersion, List<Failure> shown, List<String> consumerVersions, List<String> reasons,
            String selfVerification) {
        return new PactCheck(consumer, consumerVersion, provider, providerVersion, sha, success, shown.size(),
                shown.stream().limit(Failure.MAX_LISTED).toList(), PactCheck.Counted.of(coverage), consumerVersions,
                reasons, selfVerification);
    }
}
