package dev.covenant.registry.checks;

import dev.covenant.registry.events.Audience;
import java.time.Instant;
import java.util.List;

/**
 * A compatibility report: what one change (a published document or pact, or a pre-merge candidate) was checked
 * against and what it found. Its parts are records; {@link ReportCodec} alone turns them into the JSON served and
 * the BSON stored.
 *
 * @param id                derived from the event that triggered it; null for a pre-merge report (not stored)
 * @param version           null for a pre-merge candidate
 * @param trigger           the event type ({@code contract.published}, {@code pact.published}) or
 *                          {@code pre-merge-check}
 * @param comparisons       diffs against earlier documents (none in a pact's report)
 * @param crossChecks       consumer pacts checked against the document, or the pact checked against the provider's
 *                          documents
 * @param affectedConsumers consumers the change breaks (none in a pact's report)
 * @param audience          who must hear about it (the {@code compatibility.checked} event's audience); stored, not
 *                          shown
 */
public record Report(String id, String application, String version, String branch, String trigger,
        Instant createdAt, boolean compatible, String summary, List<DocumentComparison> comparisons,
        List<PactCheck> crossChecks, List<AffectedConsumer> affectedConsumers, ReportPolicy policy,
        List<Audience> audience) {

    static String path(String id) {
        return "/compatibility-reports/" + id;
    }
}
