package dev.covenant.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.ParsedDocument;
import dev.covenant.contract.pact.HttpInteraction;
import dev.covenant.contract.pact.Interaction;
import dev.covenant.contract.pact.Pact;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks consumer pacts against a provider's OpenAPI document, with openapi-pact-comparator's codes, severities
 * and semantics: each HTTP interaction is routed to an operation, then its request and response are checked.
 *
 * <p>An instance keeps what it derived from the document (operations, routes, compiled schemas), so checking many
 * pacts against one document is cheap. An instance may be shared between threads; its checks run one at a time
 * (compiled schemas grow a shared tree).
 */
public final class PactChecker {

    private final CheckOptions options;
    private final Router router;
    private final RequestChecks requests;
    private final ResponseChecks responses;

    private PactChecker(JsonNode document, CheckOptions options) {
        this.options = options;
        ParameterValues values = new ParameterValues(document);
        SchemaValidation validation = new SchemaValidation(document);
        this.router = new Router(document, new ApiModelReader(document).operations(), options, values, validation);
        this.requests = new RequestChecks(values, validation);
        this.responses = new ResponseChecks(values, validation);
    }

    /** A checker for one document tree (Swagger 2.0 or OpenAPI 3.x), e.g. {@link ParsedDocument#tree()}. */
    public static PactChecker forDocument(JsonNode document, CheckOptions options) {
        return new PactChecker(document, options);
    }

    /** Checks one pact against a validated document. */
    public static CheckReport check(ParsedDocument document, Pact pact, CheckOptions options) {
        return forDocument(document.tree(), options).check(pact);
    }

    /** Checks one pact against a document tree that was read but not necessarily validated. */
    public static CheckReport check(JsonNode document, Pact pact, CheckOptions options) {
        return forDocument(document, options).check(pact);
    }

    /**
     * The operation a request routes to in this document, named as diff findings name it ({@code GET /pets/{id}});
     * null when no operation matches.
     */
    public synchronized String operation(String method, String path) {
        Router.Match match = router.route(method == null ? "" : method.toUpperCase(java.util.Locale.ROOT),
                path == null ? "/" : path);
        return match == null ? null
                : match.operation().method().toUpperCase(java.util.Locale.ROOT) + " " + match.operation().pathTemplate();
    }

    public synchronized CheckReport check(Pact pact) {
        List<PactFinding> findings = new ArrayList<>();
        for (Interaction interaction : pact.interactions()) {
            findings.addAll(check(interaction));
        }
        return new CheckReport(findings);
    }

    private List<PactFinding> check(Interaction interaction) {
        InteractionRef ref = new InteractionRef(interaction.index(), interaction.description(), interaction.pactId());
        Findings findings = new Findings(ref, "interactions");
        if (!(interaction instanceof HttpInteraction http)) {
            if (options.reportNonHttpInteractions()) {
                findings.warning("interaction.type.unsupported", findings.mock(), "",
                        "Only HTTP interactions can be checked against an OpenAPI document; this one was skipped",
                        null);
            }
            return findings.list();
        }
        Router.Match match = router.route(http.request().method(), http.request().path());
        if (match == null) {
            findings.error("request.path-or-method.unknown", findings.mock("request", "path"), "/paths",
                    "Path or method not defined in spec file: " + http.request().method() + " " + http.request().path(),
                    http.request().path());
            return findings.list();
        }
        requests.check(match.operation(), http.request(), http.response().status(), findings);
        responses.check(match.operation(), http.response(), findings);
        return findings.list();
    }
}
