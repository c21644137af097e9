package dev.covenant.registry.checks;

import dev.covenant.registry.events.Audience;
import dev.covenant.registry.events.EventCodec;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A compatibility report: what one change (a published document or pact, or a pre-merge candidate) was checked
 * against and what it found. Sections are kept in their JSON shape (see docs/design/contracts-between-parts.md).
 *
 * @param id       derived from the event that triggered it; null for a pre-merge report (not stored)
 * @param audience who must hear about it (the {@code compatibility.checked} event's audience); stored, not shown
 */
record Report(String id, String application, String version, String branch, String trigger, Instant createdAt,
        boolean compatible, String summary, List<Map<String, Object>> comparisons,
        List<Map<String, Object>> crossChecks, List<Map<String, Object>> affectedConsumers,
        Map<String, Object> policy, List<Audience> audience) {

    static String path(String id) {
        return "/compatibility-reports/" + id;
    }

    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        if (id != null) {
            view.put("id", id);
        }
        view.put("application", application);
        view.put("version", version);
        if (branch != null) {
            view.put("branch", branch);
        }
        view.put("trigger", trigger);
        view.put("createdAt", createdAt.toString());
        view.put("compatible", compatible);
        view.put("summary", summary);
        view.put("comparisons", comparisons);
        view.put("crossChecks", crossChecks);
        view.put("affectedConsumers", affectedConsumers);
        view.put("policy", policy);
        return view;
    }

    Document toDocument() {
        Document document = new Document("_id", id);
        view().forEach((name, value) -> {
            if (!name.equals("id") && !name.equals("createdAt")) {
                document.append(name, value);
            }
        });
        return document.append("createdAt", Date.from(createdAt)).append("audience", EventCodec.audienceToDocuments(audience));
    }

    @SuppressWarnings("unchecked")
    static Report from(Document document) {
        return new Report(document.getString("_id"), document.getString("application"), document.getString("version"),
                document.getString("branch"), document.getString("trigger"), document.getDate("createdAt").toInstant(),
                Boolean.TRUE.equals(document.getBoolean("compatible")), document.getString("summary"),
                (List<Map<String, Object>>) (List<?>) document.getList("comparisons", Document.class, List.of()),
                (List<Map<String, Object>>) (List<?>) document.getList("crossChecks", Document.class, List.of()),
                (List<Map<String, Object>>) (List<?>) document.getList("affectedConsumers", Document.class, List.of()),
                document.get("policy", Document.class),
                EventCodec.audienceFromDocuments(document.get("audience")));
    }
}
