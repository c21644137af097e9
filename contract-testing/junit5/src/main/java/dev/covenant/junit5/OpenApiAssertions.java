package dev.covenant.junit5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.covenant.contract.diff.DiffOptions;
import dev.covenant.contract.diff.DiffReport;
import dev.covenant.contract.diff.Finding;
import dev.covenant.contract.diff.OpenApiDiff;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.InvalidDocumentException;
import dev.covenant.contract.openapi.OpenApiDocuments;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Asserts that the OpenAPI document a provider serves is the one it publishes to the registry, so the contract the
 * consumers are checked against is the one the running service actually implements.
 */
public final class OpenApiAssertions {

    private static final int MAX_LISTED = 20;

    private OpenApiAssertions() {
    }

    /**
     * Fetches {@code servedUrl} and compares it with {@code publishedFile} as OpenAPI (YAML and JSON alike, key
     * order and formatting ignored, top-level {@code servers} ignored since they name where it runs). Fails with
     * the differences in oasdiff terms and as JSON pointers.
     */
    public static void assertServedDocumentMatches(URI servedUrl, Path publishedFile) {
        JsonNode served = parse(servedUrl.toString(), fetch(servedUrl));
        JsonNode published = parse(publishedFile.toString(), read(publishedFile));
        List<String> differences = differences(published, served);
        if (differences.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("The OpenAPI document served at ").append(servedUrl)
                .append(" differs from ").append(publishedFile)
                .append(", which CI publishes to the registry. Update one to match the other.\n");
        DiffReport report = OpenApiDiff.diff(published, served, DiffOptions.defaults());
        for (Finding finding : report.findings().stream().limit(MAX_LISTED).toList()) {
            message.append("  ").append(finding.level()).append(' ').append(finding.ruleId()).append("  ")
                    .append(finding.operation() == null ? "" : finding.operation() + "  ").append(finding.message())
                    .append('\n');
        }
        message.append("Differing locations (published -> served):\n");
        differences.stream().limit(MAX_LISTED).forEach(pointer -> message.append("  ").append(pointer).append('\n'));
        if (differences.size() > MAX_LISTED) {
            message.append("  … and ").append(differences.size() - MAX_LISTED).append(" more\n");
        }
        throw new AssertionError(message.toString());
    }

    /** JSON pointers where the two documents differ, ignoring the top-level servers. */
    static List<String> differences(JsonNode published, JsonNode served) {
        List<String> out = new ArrayList<>();
        compare("", withoutServers(published), withoutServers(served), out);
        return out;
    }

    private static JsonNode withoutServers(JsonNode document) {
        if (document instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            copy.remove("servers");
            return copy;
        }
        return document;
    }

    private static void compare(String pointer, JsonNode a, JsonNode b, List<String> out) {
        if (a.isObject() && b.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!a.has(name)) {
                    out.add(child + " (only served)");
                } else if (!b.has(name)) {
                    out.add(child + " (only published)");
                } else {
                    compare(child, a.get(name), b.get(name), out);
                }
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            Iterator<JsonNode> left = a.elements();
            Iterator<JsonNode> right = b.elements();
            for (int i = 0; left.hasNext(); i++) {
                compare(pointer + "/" + i, left.next(), right.next(), out);
            }
        } else if (!a.equals(b)) {
            out.add((pointer.isEmpty() ? "/" : pointer) + " (" + abbreviate(a) + " -> " + abbreviate(b) + ")");
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    private static JsonNode parse(String source, byte[] bytes) {
        try {
            return OpenApiDocuments.parse(bytes, DocumentLimits.DEFAULTS).tree();
        } catch (InvalidDocumentException e) {
            throw new AssertionError(source + " is not a valid OpenAPI document: " + e.getMessage());
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read the published document " + file + ": " + e.getMessage());
        }
    }

    private static byte[] fetch(URI url) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/yaml, application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + url + " answered " + response.statusCode()
                        + ": the provider does not serve its OpenAPI document there");
            }
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("cannot fetch the served document from " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while fetching " + url);
        }
    }
}
