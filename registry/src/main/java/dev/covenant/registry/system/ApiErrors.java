package dev.covenant.registry.system;

import dev.covenant.contract.openapi.DocumentProblem;
import com.mongodb.MongoException;
import dev.covenant.contract.openapi.InvalidDocumentException;
import dev.covenant.registry.storage.MongoErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * The one place where exceptions become HTTP responses: RFC 9457 problem details on the registry's own API,
 * and the Pact Broker's {@code {"errors":{…}}} shape (inside the same body) on the Pact Broker-compatible paths,
 * which Pact clients parse. Never a stack trace or a class name.
 */
@RestControllerAdvice
@Order(0)
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> notFound(NotFoundException e, ServerWebExchange exchange) {
        return respond(exchange, HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage(),
                Map.of("resource", List.of(e.getMessage())), Map.of());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> conflict(ConflictException e, ServerWebExchange exchange) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("notices", List.of(Map.of("type", "error", "text", e.getMessage())));
        extensions.putAll(e.extensions());
        return respond(exchange, HttpStatus.CONFLICT, e.problemType(), "Conflict", e.getMessage(),
                Map.of(e.field(), List.of(e.getMessage())), extensions);
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> forbidden(ForbiddenException e, ServerWebExchange exchange) {
        return respond(exchange, HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage(),
                Map.of("authorization", List.of(e.getMessage())), Map.of());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> invalidRequest(InvalidRequestException e, ServerWebExchange exchange) {
        if (e instanceof UnprocessableRequestException) {
            return respond(exchange, HttpStatus.UNPROCESSABLE_CONTENT, "unprocessable-request", "Unprocessable request",
                    e.getMessage(), e.errors(), Map.of());
        }
        return respond(exchange, HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage(),
                e.errors(), Map.of());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> tooLarge(PayloadTooLargeException e, ServerWebExchange exchange) {
        return respond(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                e.getMessage(), Map.of("body", List.of(e.getMessage())), Map.of());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> bufferLimit(DataBufferLimitException e, ServerWebExchange exchange) {
        String detail = "The request body is larger than the server accepts";
        return respond(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large", detail,
                Map.of("body", List.of(detail)), Map.of());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> invalidDocument(InvalidDocumentException e, ServerWebExchange exchange) {
        if (e.reason() == InvalidDocumentException.Reason.TOO_LARGE) {
            return respond(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Document too large",
                    e.getMessage(), Map.of("contract", List.of(e.getMessage())), Map.of());
        }
        List<Map<String, Object>> violations = e.problems().stream().map(ApiErrors::violation).toList();
        List<String> messages = e.problems().stream().map(DocumentProblem::toString).toList();
        return respond(exchange, HttpStatus.UNPROCESSABLE_CONTENT, "invalid-document", "Invalid OpenAPI document",
                e.getMessage(), Map.of("contract", messages),
                Map.of("reason", e.reason().name(), "violations", violations));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> badInput(ServerWebInputException e, ServerWebExchange exchange) {
        String detail = e.getReason() != null ? e.getReason() : "The request could not be read";
        return respond(exchange, HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", detail,
                Map.of("body", List.of(detail)), Map.of());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> status(ResponseStatusException e, ServerWebExchange exchange) {
        HttpStatusCode code = e.getStatusCode();
        String detail = e.getReason() != null ? e.getReason() : HttpStatus.valueOf(code.value()).getReasonPhrase();
        String slug = HttpStatus.valueOf(code.value()).name().toLowerCase().replace('_', '-');
        ResponseEntity<Map<String, Object>> answer = respond(exchange, code, slug,
                HttpStatus.valueOf(code.value()).getReasonPhrase(), detail, Map.of("request", List.of(detail)), Map.of());
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders()).headers(e.getHeaders())
                .body(answer.getBody());
    }

    /** The store cannot take the request now (disk full, unreachable, no primary): 503, nothing was stored. */
    @ExceptionHandler
    ResponseEntity<Map<String, Object>> store(MongoException e, ServerWebExchange exchange) {
        if (!MongoErrors.isUnavailable(e)) {
            return unexpected(e, exchange);
        }
        String requestId = RequestIds.of(exchange);
        log.warn("The store could not complete {} {} (request {}): {}; the request was refused with 503 and can be"
                + " retried; see the storage errors logged before this line for what to fix",
                exchange.getRequest().getMethod(), exchange.getRequest().getPath(), requestId, e.getMessage());
        String detail = "The registry's store cannot take this request now; nothing of it was stored. Retry later;"
                + " request id " + requestId;
        ResponseEntity<Map<String, Object>> answer = respond(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                "store-unavailable", "Store unavailable", detail, Map.of("store", List.of(detail)), Map.of());
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders()).header("Retry-After", "10")
                .body(answer.getBody());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> unexpected(Exception e, ServerWebExchange exchange) {
        String requestId = RequestIds.of(exchange);
        log.error("Unexpected error on {} {} (request {}); this is a bug, please report it with the request id",
                exchange.getRequest().getMethod(), exchange.getRequest().getPath(), requestId, e);
        String detail = "An unexpected error occurred; quote request id " + requestId + " when reporting it";
        return respond(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error", detail,
                Map.of("error", List.of(detail)), Map.of());
    }

    private static Map<String, Object> violation(DocumentProblem problem) {
        Map<String, Object> violation = new LinkedHashMap<>();
        if (problem.pointer() != null) {
            violation.put("pointer", problem.pointer());
        }
        if (problem.line() != null) {
            violation.put("line", problem.line());
        }
        violation.put("message", problem.message());
        return violation;
    }

    static ResponseEntity<Map<String, Object>> respond(ServerWebExchange exchange, HttpStatusCode status, String slug,
            String title, String detail, Map<String, List<String>> errors, Map<String, Object> extensions) {
        return ResponseEntity.status(status)
                .contentType(Problems.contentType(exchange))
                .body(Problems.body(exchange, status, slug, title, detail, errors, extensions));
    }
}
