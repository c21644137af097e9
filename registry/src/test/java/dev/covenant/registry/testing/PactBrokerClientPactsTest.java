package dev.covenant.registry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import dev.covenant.registry.clients.PactCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Pact Broker proves its API by verifying the pacts its clients publish against it; so does the registry.
 * Each of the four pact files of the Pact Broker's Ruby client (against the Pact Broker and PactFlow) is verified
 * with the real {@code pact verifier}, using the provider states of {@code /_covenant/provider-states} and the
 * placeholder paths. Every interaction passes, or it is a known gap listed with its reason
 * ({@code pact-broker-clients/known-gaps.json}), and a known gap that starts passing fails the test until it is
 * taken off the list. Links are built for {@code http://example.org}, the base URL the pacts expect, through the
 * forwarded headers a proxy would send.
 */
@TestPropertySource(properties = "covenant.testing.provider-states=true")
class PactBrokerClientPactsTest extends RegistryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path work;

    static Stream<String> pactFiles() {
        return Stream.of("pact_broker_client-pact_broker.json", "Pact Broker Client V2-Pact Broker.json",
                "pact_broker_client-pactflow.json", "Pact Broker Client V2-PactFlow.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pactFiles")
    void everyInteractionPassesOrIsAKnownGap(String file) throws IOException {
        Path pact = corpus().resolve("pacts").resolve(file);
        Path report = work.resolve("report.json");
        PactCli.Result run = PactCli.run(work, "verifier", "--file", pact.toString(), "--hostname", "localhost",
                "--port", String.valueOf(port), "--request-timeout", "60000", "--state-change-url", baseUrl() + "/_covenant/provider-states",
                "-H", "X-Forwarded-Host=example.org", "-H", "X-Forwarded-Port=80", "-H", "X-Forwarded-Proto=http",
                "--json", report.toString());
        assertThat(report).as(run.output()).exists();

        int total = JSON.readTree(pact.toFile()).get("interactions").size();
        Set<String> failed = failures(JSON.readTree(report.toFile()));
        Map<String, String> gaps = knownGaps(file);
        System.out.printf("Pact Broker client pacts: %s: %d/%d interactions passed, %d known gaps%n", file,
                total - failed.size(), total, gaps.size());

        assertThat(failed).as("interactions that fail and are not known gaps (verifier output:%n%s)", run.output())
                .isSubsetOf(gaps.keySet());
        assertThat(gaps.keySet()).as("known gaps that pass now: take them off %s", "known-gaps.json")
                .isSubsetOf(failed);
        assertThat(run.exitCode() == 0).isEqualTo(failed.isEmpty());
    }

    /** The failing interactions, named "Given STATE - DESCRIPTION" (or the description alone). */
    private static Set<String> failures(JsonNode report) {
        Set<String> failed = new TreeSet<>();
        for (JsonNode error : report.path("errors")) {
            String name = error.path("interaction").asString();
            failed.add(name.replaceFirst("^Verifying a pact between .+? and (Pact Broker|PactFlow) ", "")
                    .replaceFirst("^- ", ""));
        }
        return failed;
    }

    private static Map<String, String> knownGaps(String file) throws IOException {
        Map<String, String> gaps = new TreeMap<>();
        try (var in = PactBrokerClientPactsTest.class.getResourceAsStream("/pact-broker-clients/known-gaps.json")) {
            JsonNode all = JSON.readTree(in);
            for (JsonNode gap : all.path(file)) {
                gaps.put(gap.path("interaction").asString(), gap.path("reason").asString());
            }
        }
        assertThat(gaps.values()).as("every known gap says why").allMatch(reason -> reason.length() > 10);
        return gaps;
    }

    static Path corpus() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty("covenant.shared.dir");
        if (configured != null && !configured.isBlank() && !configured.contains("${")) {
            candidates.add(Paths.get(configured));
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve("shared"));
        }
        return candidates.stream()
                .map(shared -> shared.resolve("conformance").resolve("pact-broker-clients"))
                .filter(Files::isDirectory)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("shared/conformance/pact-broker-clients not found: set "
                        + "-Dcovenant.shared.dir or keep the 'shared' folder next to the project"));
    }
}
