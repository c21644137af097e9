package dev.covenant.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.check.ApiModel.Operation;
import dev.covenant.contract.openapi.Pointers;
import dev.covenant.contract.pact.HttpRequest;
import dev.covenant.contract.pact.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks single HTTP exchanges (rather than pacts) against a document: which operation a request is for, whether
 * the request satisfies it, whether a response does. Stub servers and the drift check of a running provider use
 * it, so they validate exactly as the pact check does.
 *
 * <p>{@link #forStub} is stricter than the pact check, as a stub's users expect from Prism: request values are held
 * to their {@code format} (date, date-time, uuid, email, uri, ipv4…), and a path that fits a template but whose
 * parameter does not fit its schema is routed to that operation and refused naming the parameter
 * ({@code request.path.incompatible}) rather than being "not in the document".
 *
 * <p>Thread-safe: checks run in parallel; compiling a schema the first time excludes other checks for that moment
 * ({@link SchemaValidation}).
 */
public final class ExchangeChecker {

    private static final int MAX_CANDIDATES = 10;

    /** Where a request lands. */
    public sealed interface Route permits Found, PathUnknown, MethodNotAllowed {
    }

    /**
     * The operation a request is for, with its path parameter values as written; {@code challenges} are the
     * {@code WWW-Authenticate} challenges of the security schemes it accepts (empty when unsecured).
     */
    public record Found(String method, String pathTemplate, String pointer, Map<String, String> pathValues,
                        List<ParameterSpec> parameters, RequestSpec requestBody, List<ResponseSpec> responses,
                        List<String> challenges)
            implements Route {
    }

    /** A path, query, header or cookie parameter; {@code pointer} locates the parameter object. */
    public record ParameterSpec(String name, String in, boolean required, JsonNode schema, String pointer) {
    }

    /** A request body: whether it is required and its media types (null when the operation takes none). */
    public record RequestSpec(boolean required, List<MediaSpec> content) {
    }

    /** No path template matches; {@code candidates} are templates of the same depth (or any, when none is). */
    public record PathUnknown(List<String> candidates) implements Route {
    }

    /** The path matches a template that has no operation for this method. */
    public record MethodNotAllowed(String pathTemplate, List<String> allowed) implements Route {
    }

    /** A documented response: its status key ({@code 200}, {@code 2XX}, {@code default}) and media types. */
    public record ResponseSpec(String status, String pointer, List<MediaSpec> content, List<HeaderSpec> headers) {
    }

    /** One media type of a response; {@code pointer} locates the media type object (its examples live there). */
    public record MediaSpec(String mediaType, JsonNode schema, String pointer) {
    }

    /** A declared response header with its schema (may be null). */
    public record HeaderSpec(String name, JsonNode schema) {
    }

    private final Router router;
    private final RequestChecks requests;
    private final ResponseChecks responses;
    private final List<Operation> operations;
    private final Map<Long, List<String>> candidatesByDepth;
    private final List<String> anyCandidates;
    private final boolean strict;

    private ExchangeChecker(JsonNode document, boolean strict) {
        this.strict = strict;
        ParameterValues values = new ParameterValues(document);
        SchemaValidation validation = new SchemaValidation(document, strict);
        this.operations = new ApiModelReader(document).operations();
        this.router = new Router(document, operations, CheckOptions.defaults(), values, validation);
        this.requests = new RequestChecks(values, validation);
        this.responses = new ResponseChecks(values, validation);
        this.candidatesByDepth = candidatesByDepth(operations);
        this.anyCandidates = operations.stream().map(Operation::pathTemplate).collect(
                java.util.stream.Collectors.toCollection(TreeSet::new)).stream().limit(MAX_CANDIDATES).toList();
    }

    /** A checker for one document tree (Swagger 2.0 or OpenAPI 3.x). */
    public static ExchangeChecker forDocument(JsonNode document) {
        return new ExchangeChecker(document, false);
    }

    /** A checker as strict with requests as a stub should be: formats asserted, path parameters named (above). */
    public static ExchangeChecker forStub(JsonNode document) {
        return new ExchangeChecker(document, true);
    }

    /** Every operation as {@code METHOD template}, in document order. */
    public List<Found> operations() {
        return operations.stream().map(o -> found(o, Map.of())).toList();
    }

    /** Routes a request by path template and method. */
    public Route route(String method, String path) {
        String upper = method == null ? "" : method.toUpperCase(Locale.ROOT);
        String at = path == null || path.isEmpty() ? "/" : path;
        Router.Match match = match(upper, at);
        if (match != null) {
            return found(match.operation(), match.pathValues());
        }
        TreeSet<String> allowed = new TreeSet<>();
        String template = null;
        for (String other : ApiModelReader.METHODS) {
            Router.Match elsewhere = match(other.toUpperCase(Locale.ROOT), at);
            if (elsewhere != null) {
                allowed.add(other.toUpperCase(Locale.ROOT));
                template = elsewhere.operation().pathTemplate();
            }
        }
        if (template != null) {
            return new MethodNotAllowed(template, List.copyOf(allowed));
        }
        return new PathUnknown(candidates(at));
    }

    /** Findings of a request against the operation it routes to (errors and warnings). */
    public List<PactFinding> checkRequest(HttpRequest request) {
        Findings findings = new Findings(new InteractionRef(0, "request", null), "requests");
        Router.Match match = match(request.method().toUpperCase(Locale.ROOT), request.path());
        if (match == null) {
            findings.error("request.path-or-method.unknown", findings.mock("request", "path"), "/paths",
                    "Path or method not defined in the document: " + request.method() + " " + request.path(),
                    request.path());
        } else {
            for (Router.PathViolation wrong : router.pathViolations(match.operation(), match.pathValues())) {
                findings.error("request.path.incompatible", findings.mock("request", "path", wrong.parameter().name()),
                        wrong.violation().specPointer(), "Path parameter '" + wrong.parameter().name()
                                + "' is incompatible with the spec file: " + wrong.violation().message(), wrong.raw());
            }
            requests.check(match.operation(), request, 200, findings);
        }
        return findings.list();
    }

    /** The operation by template and path parameter schemas; when strict, by template alone as a last resort. */
    private Router.Match match(String method, String path) {
        Router.Match match = router.route(method, path);
        return match != null || !strict ? match : router.routeByTemplate(method, path);
    }

    /** Findings of a response to {@code method path} against the operation's documented responses. */
    public List<PactFinding> checkResponse(String method, String path, HttpResponse response) {
        Findings findings = new Findings(new InteractionRef(0, "response", null), "responses");
        Router.Match match = router.route(method.toUpperCase(Locale.ROOT), path);
        if (match == null) {
            findings.error("request.path-or-method.unknown", findings.mock("request", "path"), "/paths",
                    "Path or method not defined in the document: " + method + " " + path, path);
        } else {
            responses.check(match.operation(), response, findings);
        }
        return findings.list();
    }

    /**
     * The offered media type an {@code Accept} header prefers (highest {@code q} first, then order), or
     * {@code null} when it accepts none of them. A missing header accepts the first.
     */
    public static String negotiate(String accept, List<String> offered) {
        if (offered.isEmpty()) {
            return null;
        }
        if (accept == null || accept.isBlank()) {
            return offered.get(0);
        }
        List<String> ranges = new ArrayList<>(List.of(accept.split(",")));
        ranges.sort(java.util.Comparator.comparingDouble(ExchangeChecker::quality).reversed());
        for (String range : ranges) {
            if (quality(range) <= 0) {
                continue;
            }
            for (String type : offered) {
                if (MediaTypes.matches(range, type)) {
                    return type;
                }
            }
        }
        return null;
    }

    /** Whether a media type carries JSON ({@code application/json}, {@code application/problem+json}, …). */
    public static boolean isJson(String mediaType) {
        return mediaType != null && MediaTypes.isJson(mediaType);
    }

    private static double quality(String range) {
        for (String parameter : range.split(";")) {
            String trimmed = parameter.trim();
            if (trimmed.startsWith("q=")) {
                try {
                    return Double.parseDouble(trimmed.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    private List<String> candidates(String path) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return candidatesByDepth.getOrDefault(depth(bare), anyCandidates);
    }

    /** The first templates (sorted) of each depth: a 404 names them without going over every operation. */
    private static Map<Long, List<String>> candidatesByDepth(List<Operation> operations) {
        Map<Long, TreeSet<String>> byDepth = new java.util.HashMap<>();
        for (Operation operation : operations) {
            byDepth.computeIfAbsent(depth(operation.pathTemplate()), d -> new TreeSet<>()).add(operation.pathTemplate());
        }
        Map<Long, List<String>> first = new java.util.HashMap<>();
        byDepth.forEach((depth, templates) -> first.put(depth, templates.stream().limit(MAX_CANDIDATES).toList()));
        return Map.copyOf(first);
    }

    private static long depth(String path) {
        return path.chars().filter(c -> c == '/').count();
    }

    private static Found found(Operation operation, Map<String, String> pathValues) {
        List<ResponseSpec> specs = new ArrayList<>();
        for (ApiModel.Response response : operation.responses().values()) {
            List<MediaSpec> media = new ArrayList<>();
            for (ApiModel.Media m : response.content().values()) {
                media.add(new MediaSpec(m.mediaType(), m.schema(),
                        response.contentPointer() == null ? null
                                : response.contentPointer() + "/" + Pointers.escape(m.mediaType())));
            }
            List<HeaderSpec> headers = new ArrayList<>();
            response.headers().values().forEach(h -> headers.add(new HeaderSpec(h.name(), h.schema())));
            specs.add(new ResponseSpec(response.status(), response.pointer(), List.copyOf(media), List.copyOf(headers)));
        }
        List<ParameterSpec> parameters = operation.parameters().stream()
                .map(p -> new ParameterSpec(p.name(), p.in(), p.required(), p.schema(), p.pointer()))
                .toList();
        RequestSpec body = null;
        if (operation.requestBody() != null) {
            ApiModel.RequestBody request = operation.requestBody();
            body = new RequestSpec(request.required(), request.content().values().stream()
                    .map(m -> new MediaSpec(m.mediaType(), m.schema(), request.contentPointer() == null ? null
                            : request.contentPointer() + "/" + Pointers.escape(m.mediaType())))
                    .toList());
        }
        return new Found(operation.method(), operation.pathTemplate(), operation.pointer(),
                new LinkedHashMap<>(pathValues), parameters, body, List.copyOf(specs),
                SecurityCheck.challenges(operation));
    }
}
