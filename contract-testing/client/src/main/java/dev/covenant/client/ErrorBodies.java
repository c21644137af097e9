package dev.covenant.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a refusal from the registry into a {@link RegistryException} with what the registry said (problem+json
 * {@code detail} and {@code violations}, or the Pact Broker's {@code errors}) and what the user can do next.
 */
final class ErrorBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_VIOLATIONS = 20;

    private ErrorBodies() {
    }

    static RegistryException toException(String action, Transport.Response response, ClientConfig.SettingNames settings) {
        int status = response.status();
        String said = said(response);
        String requestId = response.requestId();
        return switch (status) {
            case 401 -> new RegistryException(RegistryException.Kind.UNAUTHORIZED, status, action
                    + ": the registry needs credentials (401)" + said + ": pass a token (" + settings.token()
                    + ") or a username and password (" + settings.basic() + ")", requestId);
            case 403 -> new RegistryException(RegistryException.Kind.UNAUTHORIZED, status, action
                    + ": not allowed with these credentials (403)" + said + ": ask an admin for the publish role on"
                    + " this application's team", requestId);
            case 404 -> new RegistryException(RegistryException.Kind.NOT_FOUND, status, action + ": not found (404)"
                    + said + ": check the names and versions, and publish or create what is missing first", requestId);
            case 409 -> new RegistryException(RegistryException.Kind.CONFLICT, status, action + ": conflict (409)"
                    + said + ": publish changed content under a new version (a version's content never changes)",
                    requestId);
            case 400, 413, 422 -> new RegistryException(RegistryException.Kind.INVALID, status, action
                    + ": refused (" + status + ")" + said + (status == 413 ? ": the content is over the registry's"
                    + " size limit" : ": fix the input and try again"), requestId);
            default -> new RegistryException(RegistryException.Kind.UNEXPECTED, status, action
                    + ": unexpected answer (HTTP " + status + ")" + said
                    + (requestId == null ? "" : "; quote request id " + requestId), requestId);
        };
    }

    /** ": detail" for a retry message, or nothing. */
    static String detailSuffix(Transport.Response response) {
        String said = said(response);
        return said.isEmpty() ? "" : said;
    }

    /** What the registry said, as " — text", or an empty string. */
    private static String said(Transport.Response response) {
        List<String> parts = new ArrayList<>();
        JsonNode body = tree(response.body());
        if (body != null && body.isObject()) {
            text(body, "detail").ifPresent(parts::add);
            JsonNode violations = body.path("violations");
            for (int i = 0; i < Math.min(violations.size(), MAX_VIOLATIONS); i++) {
                JsonNode v = violations.get(i);
                String where = v.path("pointer").asText("") + (v.hasNonNull("line") ? " (line " + v.get("line").asInt() + ")" : "");
                parts.add((where.isBlank() ? "" : where + ": ") + v.path("message").asText(""));
            }
            JsonNode errors = body.path("errors");
            if (errors.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = errors.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    // the registry repeats its problem detail in the Pact Broker errors: say it once
                    field.getValue().forEach(message -> {
                        if (!parts.contains(message.asText())) {
                            parts.add(field.getKey() + " " + message.asText());
                        }
                    });
                }
            } else if (errors.isArray()) {
                errors.forEach(message -> parts.add(message.asText()));
            }
            body.path("notices").forEach(notice -> {
                if ("error".equals(notice.path("type").asText())) {
                    parts.add(notice.path("text").asText());
                }
            });
        } else if (response.body() != null && response.body().length > 0 && !response.contentType().contains("html")) {
            String text = new String(response.body(), StandardCharsets.UTF_8).strip();
            parts.add(text.length() > 300 ? text.substring(0, 300) + "…" : text);
        }
        String joined = String.join("; ", parts.stream().filter(p -> !p.isBlank()).distinct().toList())
                .replace('\n', ' ').replace('\r', ' ');
        return joined.isBlank() ? "" : " — " + joined;
    }

    private static java.util.Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? java.util.Optional.empty() : java.util.Optional.of(value.asText());
    }

    private static JsonNode tree(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
