package dev.covenant.registry.webhooks;

import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventPayload;
import dev.covenant.registry.notifications.OutboundRequest;
import dev.covenant.registry.notifications.PublicUrl;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.pacticipants.Version;
import dev.covenant.registry.pacts.PactLinks;
import dev.covenant.registry.system.Links;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Renders a webhook's request for an event: {@code ${pactbroker.*}} parameters in the URL (URL-encoded), the
 * headers and the body (JSON-escaped inside a JSON body). Credential headers are left out: they are added at
 * send time, so they never sit in the delivery queue.
 */
@Component
class WebhookTemplates {

    private static final Pattern PARAMETER = Pattern.compile("\\$\\{pactbroker\\.([A-Za-z]+)}");

    private final PublicUrl publicUrl;
    private final Pacticipants pacticipants;

    WebhookTemplates(PublicUrl publicUrl, Pacticipants pacticipants) {
        this.publicUrl = publicUrl;
        this.pacticipants = pacticipants;
    }

    /** The values of the template parameters for an event. */
    Mono<Map<String, String>> parameters(Event event, String eventName) {
        Links links = publicUrl.links();
        EventPayload.PactPublished published = event.payload() instanceof EventPayload.PactPublished p ? p : null;
        EventPayload.VerificationPublished verified =
                event.payload() instanceof EventPayload.VerificationPublished v ? v : null;
        boolean pact = published != null;
        String consumer = WebhookEvents.consumerOf(event);
        String provider = WebhookEvents.providerOf(event);
        String sha = pact ? published.sha() : verified == null ? null : verified.pactSha();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("eventName", eventName);
        values.put("consumerName", consumer);
        values.put("providerName", provider);
        values.put("pactUrl", sha == null ? "" : PactLinks.pactVersion(links, provider, consumer, sha, null));
        values.put("consumerVersionNumber", pact ? event.version() : "");
        values.put("consumerVersionBranch", pact ? orEmpty(published.branch()) : "");
        values.put("consumerVersionTags", pact ? String.join(", ", published.tags()) : "");
        values.put("providerVersionNumber", pact ? "" : event.version());
        values.put("providerVersionBranch", pact || verified == null || verified.branches().isEmpty() ? ""
                : verified.branches().get(0));
        values.put("providerVersionTags", "");
        values.put("consumerLabels", "");
        values.put("providerLabels", "");
        String number = verified == null || verified.verificationNumber() == null ? null
                : String.valueOf(verified.verificationNumber());
        values.put("verificationResultUrl", pact || sha == null || number == null ? ""
                : PactLinks.verificationResults(links, provider, consumer, sha, null) + "/" + number);
        String status = pact ? "pending" : verified != null && verified.success() ? "success" : "failure";
        values.put("githubVerificationStatus", status);
        values.put("gitlabVerificationStatus", switch (status) {
            case "success" -> "success";
            case "failure" -> "failed";
            default -> "running";
        });
        values.put("bitbucketVerificationStatus", switch (status) {
            case "success" -> "SUCCESSFUL";
            case "failure" -> "FAILED";
            default -> "INPROGRESS";
        });
        values.put("azureDevOpsVerificationStatus", switch (status) {
            case "success" -> "succeeded";
            case "failure" -> "failed";
            default -> "pending";
        });
        if (!pact) {
            values.put("buildUrl", orEmpty(verified == null ? null : verified.buildUrl()));
            return withLabels(values, consumer, provider);
        }
        return pacticipants.version(consumer, event.version())
                .mapNotNull(Version::buildUrl)
                .defaultIfEmpty("")
                .flatMap(buildUrl -> {
                    values.put("buildUrl", buildUrl);
                    return withLabels(values, consumer, provider);
                });
    }

    private Mono<Map<String, String>> withLabels(Map<String, String> values, String consumer, String provider) {
        return labels(consumer)
                .zipWith(labels(provider))
                .map(labels -> {
                    values.put("consumerLabels", labels.getT1());
                    values.put("providerLabels", labels.getT2());
                    return values;
                });
    }

    private Mono<String> labels(String application) {
        return application == null ? Mono.just("") : pacticipants.application(application)
                .map(found -> String.join(", ", found.labels()))
                .defaultIfEmpty("");
    }

    /** The request to send, without credential headers (see {@link WebhookSigner}). */
    static OutboundRequest render(Webhook webhook, Map<String, String> values) {
        Webhook.Request request = webhook.request();
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, value) -> {
            if (!OutboundRequest.isSecret(name)) {
                headers.put(name, substitute(value, values, Escape.NONE));
            }
        });
        String body = request.body() == null ? null
                : substitute(request.body(), values, request.jsonBody() ? Escape.JSON : Escape.NONE);
        if (body != null && request.jsonBody() && headers.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
            headers.put("Content-Type", "application/json");
        }
        return new OutboundRequest(request.method(), substitute(request.url(), values, Escape.URL), headers, body);
    }

    enum Escape { NONE, URL, JSON }

    static String substitute(String template, Map<String, String> values, Escape escape) {
        Matcher matcher = PARAMETER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            String replacement = value == null ? matcher.group() : switch (escape) {
                case NONE -> value;
                case URL -> URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%3A", ":").replace("%2F", "/");
                case JSON -> jsonEscape(value);
            };
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String jsonEscape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
