package dev.covenant.registry.checks;

import dev.covenant.registry.events.EventCodec;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bson.Document;

/**
 * The one place a {@link Report} becomes JSON and BSON and back. The stored document and the served JSON have the
 * same members in the same order (the parts as {@code GET /compatibility-reports/{id}} shows them; stored: with
 * {@code _id}, the time as a date and the audience), so a report reads back as written. Reading is lenient with
 * the shapes earlier versions stored: a member they lacked reads as null, or as the value it stood for (a failure
 * count from the failures listed, a pact report's empty policy from a missing one).
 */
final class ReportCodec {

    private ReportCodec() {
    }

    /** The report as its HTTP API and pre-merge check serve it (without links). */
    static Map<String, Object> view(Report report) {
        Map<String, Object> view = new LinkedHashMap<>();
        if (report.id() != null) {
            view.put("id", report.id());
        }
        header(report, view);
        view.put("createdAt", report.createdAt().toString());
        parts(report, view);
        return view;
    }

    static Document toDocument(Report report) {
        Document document = new Document("_id", report.id());
        header(report, document);
        parts(report, document);
        return document.append("createdAt", Date.from(report.createdAt()))
                .append("audience", EventCodec.audienceToDocuments(report.audience()));
    }

    static Report fromDocument(Document document) {
        return new Report(document.getString("_id"), document.getString("application"), document.getString("version"),
                document.getString("branch"), document.getString("trigger"), document.getDate("createdAt").toInstant(),
                Boolean.TRUE.equals(document.getBoolean("compatible")), document.getString("summary"),
                list(document, "comparisons", ReportCodec::comparison),
                list(document, "crossChecks", ReportCodec::pactCheck),
                list(document, "affectedConsumers", ReportCodec::affected),
                policy(document.get("policy", Document.class)),
                EventCodec.audienceFromDocuments(document.get("audience")));
    }

    private static void header(Report report, Map<String, Object> into) {
        into.put("application", report.application());
        into.put("version", report.version());
        if (report.branch() != null) {
            into.put("branch", report.branch());
        }
        into.put("trigger", report.trigger());
    }

    private static void parts(Report report, Map<String, Object> into) {
        into.put("compatible", report.compatible());
        into.put("summary", report.summary());
        into.put("comparisons", report.comparisons().stream().map(ReportCodec::comparison).toList());
        into.put("crossChecks", report.crossChecks().stream().map(ReportCodec::pactCheck).toList());
        into.put("affectedConsumers", report.affectedConsumers().stream().map(ReportCodec::affected).toList());
        into.put("policy", policy(report.policy()));
    }

    private static Map<String, Object> comparison(DocumentComparison comparison) {
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("application", comparison.baseApplication());
        base.put("version", comparison.baseVersion());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("kind", DocumentComparison.KIND);
        view.put("base", base);
        view.put("reasons", comparison.reasons());
        view.put("counts", new LinkedHashMap<>(comparison.counts()));
        view.put("findings", comparison.findings().stream().map(ReportCodec::finding).toList());
        view.put("truncated", comparison.truncated());
        return view;
    }

    private static DocumentComparison comparison(Document document) {
        Document base = document.get("base", Document.class);
        Map<String, Integer> counts = new LinkedHashMap<>();
        Document stored = document.get("counts", Document.class);
        if (stored != null) {
            stored.forEach((level, count) -> counts.put(level, count instanceof Number n ? n.intValue() : 0));
        }
        return new DocumentComparison(base == null ? null : base.getString("application"),
                base == null ? null : base.getString("version"), strings(document, "reasons"), counts,
                list(document, "findings", ReportCodec::finding), Boolean.TRUE.equals(document.getBoolean("truncated")));
    }

    private static Map<String, Object> finding(ReportFinding finding) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("ruleId", finding.ruleId());
        view.put("level", finding.level());
        view.put("operation", finding.operation());
        view.put("message", finding.message());
        view.put("basePointer", finding.basePointer());
        view.put("revisionPointer", finding.revisionPointer());
        view.put("fingerprint", finding.fingerprint());
        return view;
    }

    private static ReportFinding finding(Document document) {
        return new ReportFinding(document.getString("ruleId"), document.getString("level"),
                document.getString("operation"), document.getString("message"), document.getString("basePointer"),
                document.getString("revisionPointer"), document.getString("fingerprint"));
    }

    private static Map<String, Object> pactCheck(PactCheck check) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("consumer", check.consumer());
        view.put("consumerVersion", check.consumerVersion());
        view.put("provider", check.provider());
        view.put("providerVersion", check.providerVersion());
        view.put("pactSha", check.pactSha());
        view.put("success", check.success());
        view.put("failureCount", check.failureCount());
        view.put("failures", check.failures().stream().map(Failure::view).toList());
        if (check.coverage() != null) {
            view.put("interactionsChecked", check.coverage().interactionsChecked());
            view.put("countsAsVerification", check.coverage().countsAsVerification());
            if (check.coverage().notCountedBecause() != null) {
                view.put("notCountedBecause", check.coverage().notCountedBecause());
            }
        }
        if (check.consumerVersions() != null) {
            view.put("consumerVersions", check.consumerVersions());
        }
        view.put("reasons", check.reasons());
        if (check.selfVerification() != null) {
            view.put("selfVerification", check.selfVerification());
        }
        return view;
    }

    private static PactCheck pactCheck(Document document) {
        List<Failure> failures = list(document, "failures", ReportCodec::failure);
        PactCheck.Counted coverage = document.containsKey("interactionsChecked")
                ? new PactCheck.Counted(number(document, "interactionsChecked"),
                        !Boolean.FALSE.equals(document.getBoolean("countsAsVerification")),
                        document.getString("notCountedBecause"))
                : null;
        return new PactCheck(document.getString("consumer"), document.getString("consumerVersion"),
                document.getString("provider"), document.getString("providerVersion"), document.getString("pactSha"),
                Boolean.TRUE.equals(document.getBoolean("success")), count(document, failures), failures, coverage,
                document.containsKey("consumerVersions") ? strings(document, "consumerVersions") : null,
                strings(document, "reasons"), document.getString("selfVerification"));
    }

    private static Map<String, Object> affected(AffectedConsumer affected) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("consumer", affected.consumer());
        view.put("team", affected.team());
        view.put("consumerVersions", affected.consumerVersions());
        view.put("failureCount", affected.failureCount());
        view.put("failures", affected.failures().stream().map(Failure::view).toList());
        return view;
    }

    private static AffectedConsumer affected(Document document) {
        List<Failure> failures = list(document, "failures", ReportCodec::failure);
        return new AffectedConsumer(document.getString("consumer"), document.getString("team"),
                strings(document, "consumerVersions"), count(document, failures), failures);
    }

    /** A failure as reports list it: {@code operation} is the routed operation or, when none, the request. */
    private static Failure failure(Document document) {
        return new Failure(document.getString("interaction"), document.getString("operation"), null,
                document.getString("field"), document.getString("code"), document.getString("pointer"),
                document.getString("message"), document.getString("ruleId"));
    }

    private static Map<String, Object> policy(ReportPolicy policy) {
        Map<String, Object> view = new LinkedHashMap<>();
        if (policy instanceof ReportPolicy.Judged judged) {
            view.put("level", judged.level());
            view.put("mode", judged.mode());
            view.put("selfVerification", judged.selfVerification());
            view.put("validation", judged.validation());
            view.put("agreement", judged.agreement());
            view.put("baseVersion", judged.baseVersion());
            view.put("violations", judged.violations().stream().map(PolicyViolation::view).toList());
            view.put("flagged", judged.flagged());
            if (judged.agreementVerdict() != null) {
                view.put("agreementVerdict", agreement(judged.agreementVerdict()));
            }
        } else {
            view.put("level", null);
            view.put("mode", null);
            view.put("selfVerification", null);
            view.put("baseVersion", null);
            view.put("violations", List.of());
            view.put("flagged", false);
        }
        return view;
    }

    /** A pact's report stores its policy with no level; a document's always has one. */
    private static ReportPolicy policy(Document document) {
        if (document == null || document.getString("level") == null) {
            return new ReportPolicy.NotJudged();
        }
        Document agreement = document.get("agreementVerdict", Document.class);
        return new ReportPolicy.Judged(document.getString("level"), document.getString("mode"),
                document.getString("selfVerification"), document.getString("validation"),
                document.getString("agreement"), document.getString("baseVersion"),
                list(document, "violations", ReportCodec::violation), Boolean.TRUE.equals(document.getBoolean("flagged")),
                agreement == null ? null : agreement(agreement));
    }

    private static PolicyViolation violation(Document document) {
        return new PolicyViolation(document.getString("ruleId"), document.getString("level"),
                document.getString("operation"), document.getString("message"), document.getString("fingerprint"),
                document.getString("direction"), document.getString("baseVersion"));
    }

    private static Map<String, Object> agreement(ReportPolicy.Agreement agreement) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("policy", agreement.policy());
        view.put("proposalId", agreement.proposalId());
        view.put("revision", agreement.revision());
        view.put("matches", agreement.matches());
        view.put("drift", agreement.drift().stream().map(ReportCodec::finding).toList());
        view.put("unagreed", agreement.unagreed().stream().map(ReportCodec::unagreed).toList());
        view.put("flagged", agreement.flagged());
        return view;
    }

    private static ReportPolicy.Agreement agreement(Document document) {
        return new ReportPolicy.Agreement(document.getString("policy"), document.getString("proposalId"),
                document.get("revision") instanceof Number revision ? revision.intValue() : null,
                document.getBoolean("matches"), list(document, "drift", ReportCodec::finding),
                list(document, "unagreed", ReportCodec::unagreed), Boolean.TRUE.equals(document.getBoolean("flagged")));
    }

    static Map<String, Object> unagreed(ReportPolicy.Unagreed unagreed) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("ruleId", unagreed.ruleId());
        view.put("level", unagreed.level());
        view.put("operation", unagreed.operation());
        view.put("message", unagreed.message());
        view.put("fingerprint", unagreed.fingerprint());
        view.put("teams", unagreed.teams());
        view.put("consumers", unagreed.consumers());
        return view;
    }

    private static ReportPolicy.Unagreed unagreed(Document document) {
        return new ReportPolicy.Unagreed(document.getString("ruleId"), document.getString("level"),
                document.getString("operation"), document.getString("message"), document.getString("fingerprint"),
                strings(document, "teams"), strings(document, "consumers"));
    }

    /** The stored failure count; reports stored before counts were kept listed every failure. */
    private static int count(Document document, List<Failure> failures) {
        return document.get("failureCount") instanceof Number count ? count.intValue() : failures.size();
    }

    private static int number(Document document, String key) {
        return document.get(key) instanceof Number value ? value.intValue() : 0;
    }

    private static <T> List<T> list(Document document, String key, Function<Document, T> read) {
        return document.getList(key, Document.class, List.of()).stream().map(read).toList();
    }

    private static List<String> strings(Document document, String key) {
        return document.getList(key, Object.class, List.of()).stream().map(String::valueOf).toList();
    }
}
