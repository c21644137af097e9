package dev.covenant.contract.check;

import dev.covenant.contract.check.ApiModel.Media;
import dev.covenant.contract.check.ApiModel.Operation;
import dev.covenant.contract.check.ApiModel.Parameter;
import dev.covenant.contract.check.ApiModel.RequestBody;
import dev.covenant.contract.check.SchemaTransformer.Direction;
import dev.covenant.contract.check.SchemaValidation.Violation;
import dev.covenant.contract.pact.HttpRequest;
import dev.covenant.contract.pact.PactBody;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks the request half of an interaction against its operation: Accept and Content-Type negotiation, body,
 * security, query and header parameters.
 *
 * <p>When the interaction's response is a 4xx, the consumer is describing a request the provider rejects, so
 * parameters, body and credentials are not held against the document; media types still are.
 */
final class RequestChecks {

    private static final String INCOMPATIBLE = "Value is incompatible with the parameter defined in the spec file: ";

    private final ParameterValues values;
    private final SchemaValidation validation;

    RequestChecks(ParameterValues values, SchemaValidation validation) {
        this.values = values;
        this.validation = validation;
    }

    void check(Operation operation, HttpRequest request, int status, Findings findings) {
        Map<String, String> headers = lowerCase(request.headers());
        accept(operation, headers.get("accept"), findings);
        boolean rejected = status >= 400 && status < 500;
        Media media = contentType(operation, request, headers.get("content-type"), findings);
        if (rejected) {
            return;
        }
        body(operation, request.body(), media, headers.get("content-type"), findings);
        new SecurityCheck().check(operation, headers, request.query(), findings);
        query(operation, request.query(), findings);
        headers(operation, request.headers(), findings);
    }

    private static void accept(Operation operation, String accept, Findings findings) {
        if (accept == null) {
            return;
        }
        List<String> produced = operation.producedMediaTypes();
        if (produced.isEmpty()) {
            findings.warning("request.accept.unknown", findings.mock("request", "headers", "accept"), operation.pointer(),
                    "Request Accept header is defined but the spec does not specify any mime-types to produce", accept);
        } else if (!MediaTypes.acceptable(accept, produced)) {
            findings.error("request.accept.incompatible", findings.mock("request", "headers", "accept"),
                    operation.pointer(), "Request Accept header is incompatible with the mime-types the spec defines to produce",
                    accept);
        }
    }

    /** The declared media type the body is read as, or null (none declared, or none compatible). */
    private static Media contentType(Operation operation, HttpRequest request, String contentType, Findings findings) {
        RequestBody body = operation.requestBody();
        Map<String, Media> declared = body == null ? Map.of() : body.content();
        if (contentType != null) {
            if (declared.isEmpty()) {
                findings.warning("request.content-type.unknown", findings.mock("request", "headers", "content-type"),
                        operation.pointer(),
                        "Request content-type header is defined but the spec does not specify any mime-types to consume",
                        contentType);
                return null;
            }
            String negotiated = MediaTypes.negotiate(contentType, declared.keySet());
            if (negotiated == null) {
                findings.error("request.content-type.incompatible", findings.mock("request", "headers", "content-type"),
                        body.contentPointer(),
                        "Request Content-Type header is incompatible with the mime-types the spec accepts to consume",
                        contentType);
                return null;
            }
            return declared.get(negotiated);
        }
        if (declared.isEmpty()) {
            return null;
        }
        if (request.body() != null && !request.body().isEmptyText()) {
            findings.warning("request.content-type.missing", findings.mock("request", "headers", "content-type"),
                    operation.pointer(), "Request content type header is not defined but spec specifies mime-types to consume",
                    null);
        }
        return declared.values().iterator().next();
    }

    private void body(Operation operation, PactBody body, Media media, String contentType, Findings findings) {
        RequestBody declared = operation.requestBody();
        if (declared == null || declared.content().isEmpty()) {
            if (body != null && !body.isEmptyText()) {
                findings.warning("request.body.unknown", findings.mock("request", "body"), operation.pointer() + "/requestBody",
                        "No matching schema found for request body", null);
            }
            return;
        }
        if (media == null) {
            return;
        }
        if (body == null) {
            if (declared.required()) {
                findings.error("request.body.incompatible", findings.mock("request", "body"), media.schemaPointer(),
                        "Request body is incompatible with the request body schema in the spec file: the body is required",
                        null);
            }
            return;
        }
        String type = media.mediaType();
        tools.jackson.databind.JsonNode value;
        if (MediaTypes.isJson(type)) {
            value = Bodies.json(body);
        } else if (MediaTypes.isForm(type)) {
            value = Bodies.form(body, media.schema(), values);
        } else if (MediaTypes.isMultipart(type)) {
            value = Bodies.multipart(body, contentType, media.schema(), values);
        } else {
            findings.warning("request.body.unvalidatable", findings.mock("request", "body"), declared.contentPointer(),
                    "Body with content type '" + type + "' is not supported by the spec comparator", null);
            return;
        }
        if (media.schema() == null) {
            return;
        }
        for (Violation violation : validation.validate(Direction.REQUEST, media.schema(), media.schemaPointer(), value)) {
            findings.error("request.body.incompatible", at(findings.mock("request", "body"), violation.instancePath()),
                    violation.specPointer(),
                    "Request body is incompatible with the request body schema in the spec file: " + violation.message(),
                    null);
        }
    }

    private void query(Operation operation, Map<String, List<String>> query, Findings findings) {
        Set<String> known = new HashSet<>();
        for (Parameter parameter : operation.parameters()) {
            if (!parameter.in().equals("query")) {
                continue;
            }
            known.add(parameter.name());
            tools.jackson.databind.JsonNode value;
            if ("deepObject".equals(parameter.style())) {
                value = values.deepObject(parameter.schema(), parameter.name(), query, known);
                if (value.isEmpty()) {
                    value = null;
                }
            } else {
                List<String> given = query.get(parameter.name());
                value = given == null ? null : values.query(parameter, given);
            }
            String mock = findings.mock("request", "query", parameter.name());
            if (value == null) {
                if (parameter.required()) {
                    findings.error("request.query.incompatible", mock, parameter.schemaPointer(),
                            INCOMPATIBLE + "the parameter is required", null);
                }
                continue;
            }
            validateParameter("request.query.incompatible", parameter.schema(), parameter.schemaPointer(), value, mock,
                    String.join(",", query.getOrDefault(parameter.name(), List.of())), findings);
        }
        known.addAll(SecurityCheck.apiKeyNames(operation, "query"));
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            if (!known.contains(entry.getKey())) {
                findings.warning("request.query.unknown", findings.mock("request", "query", entry.getKey()),
                        operation.pointer(), "Query parameter is not defined in the spec file: " + entry.getKey(),
                        String.join(",", entry.getValue()));
            }
        }
    }

    private void headers(Operation operation, Map<String, String> headers, Findings findings) {
        Map<String, String> byName = lowerCase(headers);
        Set<String> known = new HashSet<>(SecurityCheck.apiKeyNames(operation, "header"));
        for (Parameter parameter : operation.parameters()) {
            if (!parameter.in().equals("header")) {
                continue;
            }
            String name = parameter.name().toLowerCase(Locale.ROOT);
            known.add(name);
            String raw = byName.get(name);
            String mock = findings.mock("request", "headers", parameter.name());
            if (raw == null) {
                if (parameter.required()) {
                    findings.error("request.header.incompatible", mock, parameter.pointer(),
                            INCOMPATIBLE + "the header is required", null);
                }
                continue;
            }
            validateParameter("request.header.incompatible", parameter.schema(), parameter.schemaPointer(),
                    values.simple(parameter.schema(), raw, ","), mock, raw, findings);
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!known.contains(name) && !StandardHeaders.request(name)) {
                findings.warning("request.header.unknown", findings.mock("request", "headers", header.getKey()),
                        operation.pointer(), "Request header is not defined in the spec file: " + header.getKey(),
                        header.getValue());
            }
        }
    }

    private void validateParameter(String code, com.fasterxml.jackson.databind.JsonNode schema, String schemaPointer,
                                   tools.jackson.databind.JsonNode value, String mock, String raw, Findings findings) {
        if (schema == null) {
            return;
        }
        List<Violation> violations = validation.validate(Direction.REQUEST, schema, schemaPointer, value);
        if (!violations.isEmpty()) {
            Violation first = violations.get(0);
            findings.error(code, at(mock, first.instancePath()), first.specPointer(), INCOMPATIBLE + first.message(), raw);
        }
    }

    static String at(String mock, List<String> instancePath) {
        return instancePath.isEmpty() ? mock : mock + "." + String.join(".", instancePath);
    }

    static Map<String, String> lowerCase(Map<String, String> headers) {
        Map<String, String> lower = new java.util.HashMap<>();
        headers.forEach((name, value) -> lower.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
        return lower;
    }
}
