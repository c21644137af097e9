package dev.covenant.contract.check;

import dev.covenant.contract.check.ApiModel.Header;
import dev.covenant.contract.check.ApiModel.Media;
import dev.covenant.contract.check.ApiModel.Operation;
import dev.covenant.contract.check.ApiModel.Response;
import dev.covenant.contract.check.SchemaTransformer.Direction;
import dev.covenant.contract.check.SchemaValidation.Violation;
import dev.covenant.contract.pact.HttpResponse;
import dev.covenant.contract.pact.PactBody;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the response half of an interaction: the status must be declared (exactly, by range such as
 * {@code 2XX}, or — with a warning — by {@code default}); the consumer may only rely on declared headers and on
 * body fields the schema declares.
 */
final class ResponseChecks {

    private final ParameterValues values;
    private final SchemaValidation validation;

    ResponseChecks(ParameterValues values, SchemaValidation validation) {
        this.values = values;
        this.validation = validation;
    }

    void check(Operation operation, HttpResponse response, Findings findings) {
        Response declared = status(operation, response.status(), findings);
        if (declared == null) {
            return;
        }
        Map<String, String> headers = RequestChecks.lowerCase(response.headers());
        Media media = contentType(operation, declared, headers.get("content-type"), findings);
        headers(operation, declared, response.headers(), findings);
        body(declared, media, response.body(), findings);
    }

    private static Response status(Operation operation, int status, Findings findings) {
        Map<String, Response> responses = operation.responses();
        Response exact = responses.get(String.valueOf(status));
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, Response> entry : responses.entrySet()) {
            if (entry.getKey().equalsIgnoreCase((status / 100) + "XX")) {
                return entry.getValue();
            }
        }
        String pointer = operation.pointer() + "/responses";
        Response fallback = responses.get("default");
        if (fallback != null) {
            findings.warning("response.status.default", findings.mock("response", "status"), pointer,
                    "Response status code matched default response in spec file: " + status, status);
            return fallback;
        }
        findings.error("response.status.unknown", findings.mock("response", "status"), pointer,
                "Response status code not defined in spec file: " + status, status);
        return null;
    }

    private static Media contentType(Operation operation, Response declared, String contentType, Findings findings) {
        Map<String, Media> content = declared.content();
        if (contentType == null) {
            return content.isEmpty() ? null : content.values().iterator().next();
        }
        if (content.isEmpty()) {
            findings.warning("response.content-type.unknown", findings.mock("response", "headers", "content-type"),
                    operation.pointer(),
                    "Response Content-Type header is defined but the spec does not specify any mime-types to produce",
                    contentType);
            return null;
        }
        String negotiated = MediaTypes.negotiate(contentType, content.keySet());
        if (negotiated == null) {
            findings.error("response.content-type.incompatible", findings.mock("response", "headers", "content-type"),
                    declared.contentPointer(),
                    "Response Content-Type header is incompatible with the mime-types the spec defines to produce",
                    contentType);
            return null;
        }
        return content.get(negotiated);
    }

    private void headers(Operation operation, Response declared, Map<String, String> headers, Findings findings) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("content-type")) {
                continue;
            }
            String mock = findings.mock("response", "headers", header.getKey());
            Header spec = declared.headers().get(name);
            if (spec != null) {
                if (spec.schema() == null) {
                    continue;
                }
                List<Violation> violations = validation.validate(Direction.RESPONSE, spec.schema(), spec.schemaPointer(),
                        values.simple(spec.schema(), header.getValue(), ","));
                if (!violations.isEmpty()) {
                    findings.error("response.header.incompatible", RequestChecks.at(mock, violations.get(0).instancePath()),
                            violations.get(0).specPointer(),
                            "Value is incompatible with the parameter defined in the spec file: " + violations.get(0).message(),
                            header.getValue());
                }
            } else if (StandardHeaders.response(name)) {
                findings.warning("response.header.undefined", mock, operation.pointer(),
                        "Standard http response header is not defined in the spec file: " + name, header.getValue());
            } else {
                findings.error("response.header.unknown", mock, declared.headersPointer(),
                        "Response header is not defined in the spec file: " + header.getKey(), header.getValue());
            }
        }
    }

    private void body(Response declared, Media media, PactBody body, Findings findings) {
        if (body == null || body.isEmptyText()) {
            return;
        }
        String mock = findings.mock("response", "body");
        if (declared.content().isEmpty()) {
            findings.error("response.body.unknown", mock, declared.contentPointer(),
                    "No matching schema found for response body", null);
            return;
        }
        if (media == null) {
            return;
        }
        if (!MediaTypes.isJson(media.mediaType())) {
            findings.warning("response.body.unvalidatable", mock, declared.contentPointer(),
                    "Body with content type '" + media.mediaType() + "' is not supported by the spec comparator", null);
            return;
        }
        if (media.schema() == null) {
            return;
        }
        for (Violation violation : validation.validate(Direction.RESPONSE, media.schema(), media.schemaPointer(),
                Bodies.json(body))) {
            findings.error("response.body.incompatible", RequestChecks.at(mock, violation.instancePath()),
                    violation.specPointer(),
                    "Response body is incompatible with the response body schema in the spec file: " + violation.message(),
                    null);
        }
    }
}
