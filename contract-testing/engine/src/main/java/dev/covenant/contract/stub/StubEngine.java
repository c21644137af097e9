package dev.covenant.contract.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.covenant.contract.check.ExchangeChecker;
import dev.covenant.contract.check.ExchangeChecker.Found;
import dev.covenant.contract.check.ExchangeChecker.MediaSpec;
import dev.covenant.contract.check.ExchangeChecker.MethodNotAllowed;
import dev.covenant.contract.check.ExchangeChecker.PathUnknown;
import dev.covenant.contract.check.ExchangeChecker.ResponseSpec;
import dev.covenant.contract.check.FindingType;
import dev.covenant.contract.check.PactFinding;
import dev.covenant.contract.pact.HttpRequest;
import dev.covenant.contract.pact.PactBody;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers requests from an OpenAPI document alone, following Prism's conventions: 404 for an unknown path, 405
 * for another method, 422 listing every violation of an invalid request (401 without required credentials, 406
 * when nothing acceptable is produced, 415 for an undeclared content type), else a documented response chosen by
 * {@code Prefer: code=…, example=…} and {@code Accept}, whose body is the documented example or an instance
 * generated from the schema. Never fetches anything. Thread-safe; built responses are kept in a cache bounded by
 * their size in bytes ({@link #DEFAULT_CACHE_BYTES}), so repeated requests cost a route and a request check, and a
 * huge document (or many {@code Prefer: example=} names) cannot grow the heap without bound. A response evicted
 * from the cache is built again, byte for byte the same: building is deterministic.
 */
public final class StubEngine {

    /** Problem type URIs, shared with the registry's problem catalogue. */
    public static final String TYPE_BASE = "https://covenant.dev/problems/";

    /** Reads request bodies; decimals exactly, so 1e999 is a number past every bound, not an infinite double. */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    /** The default bound of the built-response cache: 16 MiB of bodies, headers and keys. */
    public static final long DEFAULT_CACHE_BYTES = 16L << 20;
    /** What an entry costs besides its body: the record, the header map, the key (a rough, fixed share). */
    private static final int ENTRY_OVERHEAD = 256;

    private final JsonNode document;
    private final ExchangeChecker checker;
    private final ResponseBuilder responses;
    /** Built responses by (operation, status, media type, example, preferred code). */
    private final Cache<String, StubResponse> built;

    private StubEngine(JsonNode document, long cacheBytes) {
        this.document = document;
        this.checker = ExchangeChecker.forStub(document);
        this.responses = new ResponseBuilder(document, checker);
        this.built = Caffeine.newBuilder()
                .maximumWeight(cacheBytes)
                .weigher(StubEngine::weight)
                .executor(Runnable::run) // evict on the writing thread: the bound holds when put returns
                .build();
    }

    /** A stub for one document tree (Swagger 2.0 or OpenAPI 3.x), read under the usual document limits. */
    public static StubEngine forDocument(JsonNode document) {
        return new StubEngine(document, DEFAULT_CACHE_BYTES);
    }

    /** The same with the built-response cache bounded at {@code cacheBytes} (tests, and memory-tight hosts). */
    public static StubEngine forDocument(JsonNode document, long cacheBytes) {
        if (cacheBytes < 0) {
            throw new IllegalArgumentException("cacheBytes must not be negative: " + cacheBytes);
        }
        return new StubEngine(document, cacheBytes);
    }

    /** The answer to one request. */
    public StubResponse handle(StubRequest request) {
        ExchangeChecker.Route route = checker.route(request.method(), request.path());
        if (route instanceof Found found) {
            return answer(found, request);
        }
        if (route instanceof MethodNotAllowed other) {
            return problem(405, "stub-method-not-allowed", "Method not allowed",
                    request.method() + " is not an operation of " + other.pathTemplate() + ".",
                    Map.of("pathTemplate", other.pathTemplate(), "allowed", other.allowed()),
                    Map.of("Allow", String.join(", ", other.allowed())));
        }
        PathUnknown unknown = (PathUnknown) route;
        return problem(404, "stub-path-unknown", "Path not in the document",
                "No path template of the document matches " + request.path() + ".",
                Map.of("candidates", unknown.candidates()), Map.of());
    }

    private StubResponse answer(Found operation, StubRequest request) {
        List<PactFinding> errors = checker.checkRequest(asInteraction(request)).stream()
                .filter(f -> f.type() == FindingType.ERROR)
                .toList();
        if (!errors.isEmpty()) {
            return invalid(errors, operation.challenges());
        }
        Preferences prefer = Preferences.parse(request.header("Prefer"));
        ResponseSpec response = responses.select(operation, prefer.code());
        if (response == null) {
            return problem(404, "stub-response-unknown", "No such documented response",
                    prefer.code() == null ? "The operation documents no response."
                            : "The operation documents no response with status " + prefer.code() + ".",
                    Map.of("documented", operation.responses().stream().map(ResponseSpec::status).toList()), Map.of());
        }
        List<String> offered = response.content().stream().map(MediaSpec::mediaType).toList();
        String mediaType = ExchangeChecker.negotiate(request.header("Accept"), offered);
        if (!offered.isEmpty() && mediaType == null) {
            return problem(406, "stub-not-acceptable", "Not acceptable",
                    "The response produces none of the accepted media types.", Map.of("produces", offered), Map.of());
        }
        String key = operation.method() + " " + operation.pathTemplate() + "|" + response.status() + "|" + mediaType
                + "|" + prefer.example() + "|" + prefer.code();
        return built.get(key, k -> responses.build(operation, response, mediaType, prefer, request));
    }

    /** What a cached response costs: its body, header text and key (chars counted as two bytes), plus a share. */
    private static int weight(String key, StubResponse response) {
        long bytes = ENTRY_OVERHEAD + 2L * key.length() + response.body().length;
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            bytes += 2L * (header.getKey().length() + header.getValue().length());
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /** The cache's current weight in bytes, after pending evictions ran (for tests). */
    long cachedBytes() {
        built.cleanUp();
        return built.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    /** How many responses the cache holds, after pending evictions ran (for tests). */
    long cachedResponses() {
        built.cleanUp();
        return built.estimatedSize();
    }

    private HttpRequest asInteraction(StubRequest request) {
        PactBody body = null;
        if (request.body().length > 0) {
            String contentType = request.header("Content-Type");
            String text = new String(request.body(), StandardCharsets.UTF_8);
            JsonNode content = JSON.getNodeFactory().textNode(text);
            if (contentType == null || ExchangeChecker.isJson(contentType)) {
                try {
                    content = JSON.readTree(request.body());
                } catch (IOException e) {
                    content = JSON.getNodeFactory().textNode(text); // not JSON: the body check says so
                }
            }
            body = new PactBody(content, contentType, false);
        }
        return new HttpRequest(request.method().toUpperCase(java.util.Locale.ROOT), request.path(), request.query(),
                request.headers(), body);
    }

    /**
     * 401 when credentials are missing, whatever else is wrong (Prism checks security first: a client without
     * credentials learns that before anything else), with a {@code WWW-Authenticate} challenge per accepted scheme;
     * 406 / 415 when negotiation alone failed; else 422 with every violation.
     */
    private static StubResponse invalid(List<PactFinding> errors, List<String> challenges) {
        int status = 422;
        String type = "stub-request-invalid";
        String title = "The request does not satisfy the operation";
        Map<String, String> headers = Map.of();
        List<PactFinding> auth = errors.stream().filter(e -> e.code().equals("request.authorization.missing")).toList();
        if (!auth.isEmpty()) {
            status = 401;
            type = "stub-unauthorized";
            title = "Credentials required";
            errors = auth;
            headers = Map.of("WWW-Authenticate", challenges.isEmpty() ? "Bearer" : String.join(", ", challenges));
        } else if (errors.stream().allMatch(e -> e.code().equals("request.accept.incompatible"))) {
            status = 406;
            type = "stub-not-acceptable";
            title = "Not acceptable";
        } else if (errors.stream().allMatch(e -> e.code().equals("request.content-type.incompatible"))) {
            status = 415;
            type = "stub-unsupported-media-type";
            title = "Unsupported media type";
        }
        ArrayNode violations = JSON.createArrayNode();
        for (PactFinding error : errors) {
            ObjectNode violation = violations.addObject();
            violation.put("code", error.code());
            violation.put("location", location(error.mockPointer()));
            violation.put("pointer", error.specPointer());
            violation.put("message", error.message());
        }
        return problem(status, type, title, errors.size() + " violation(s): " + errors.get(0).message(),
                Map.of("violations", violations), headers);
    }

    /** {@code [root].requests[0].request.body.items.2} → {@code /body/items/2}: where in the request. */
    static String location(String mockPointer) {
        String prefix = "[root].requests[0].request";
        String rest = mockPointer != null && mockPointer.startsWith(prefix) ? mockPointer.substring(prefix.length()) : "";
        return rest.isEmpty() ? "" : rest.replace("~", "~0").replace("/", "~1").replace('.', '/');
    }

    static StubResponse problem(int status, String type, String title, String detail, Map<String, Object> extensions,
                                Map<String, String> headers) {
        ObjectNode problem = JSON.createObjectNode();
        problem.put("type", TYPE_BASE + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        extensions.forEach((name, value) -> problem.set(name, JSON.valueToTree(value)));
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/problem+json");
        try {
            return new StubResponse(status, all, JSON.writeValueAsBytes(problem));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode document() {
        return document;
    }
}
