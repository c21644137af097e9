package dev.covenant.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.CovenantRegistry;
import dev.covenant.registry.pacticipants.Branch;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.pacticipants.Version;
import dev.covenant.registry.pacts.PactPublication;
import dev.covenant.registry.pacts.PactSeeding;
import dev.covenant.registry.pacts.PactService;
import dev.covenant.registry.verifications.Verification;
import dev.covenant.registry.verifications.VerificationSeeding;
import dev.covenant.registry.verifications.VerificationService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A store written before the history index existed (simulated by emptying the index) gets its lists built at the
 * next start, and the history reads answer from them as they did from scans.
 */
class HistoryIndexUpgradeTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return SpringApplication.run(CovenantRegistry.class, "--server.port=0", "--covenant.storage.data-dir=" + dataDir,
                "--covenant.storage.mongodb-uri=", "--covenant.jobs.workers=0");
    }

    @Test
    void historyReadsAreCorrectAfterRestartingAStoreWrittenWithoutTheIndex() {
        String sha;
        try (ConfigurableApplicationContext first = start()) {
            PactService pacts = first.getBean(PactService.class);
            sha = Flux.range(1, 3)
                    .concatMap(n -> PactSeeding.publish(pacts, "shop", "1." + n, "main", List.of(), "stock",
                            pact(n == 3 ? 2 : 1)))
                    .blockLast(WAIT);
            first.getBean(Pacticipants.class).ensureVersion("shop", "1.4", "main", List.of(), null).block(WAIT);
            first.getBean(Pacticipants.class).ensureVersion("shop", "0.9", "feat", List.of(), null).block(WAIT);
            VerificationService verifications = first.getBean(VerificationService.class);
            String firstSha = pacts.publication("stock", "shop", "1.1").block(WAIT).sha();
            VerificationSeeding.verify(verifications, "stock", "shop", firstSha, "9.0", true)
                    .then(VerificationSeeding.verify(verifications, "stock", "shop", firstSha, "9.1", false))
                    .block(WAIT);
            long emptied = Mono.from(first.getBean(MongoDatabase.class).getCollection("history_index")
                    .deleteMany(new Document())).block(WAIT).getDeletedCount();
            assertThat(emptied).as("the writes above kept lists").isPositive();
        }
        try (ConfigurableApplicationContext second = start()) {
            Pacticipants pacticipants = second.getBean(Pacticipants.class);
            PactService pacts = second.getBean(PactService.class);
            VerificationService verifications = second.getBean(VerificationService.class);

            assertThat(pacticipants.versions("shop").map(Version::number).collectList().block(WAIT))
                    .containsExactly("0.9", "1.4", "1.3", "1.2", "1.1");
            assertThat(pacticipants.branches("shop").map(Branch::name).collectList().block(WAIT))
                    .containsExactly("feat", "main");
            assertThat(pacts.history("stock", "shop").map(PactPublication::consumerVersion).collectList().block(WAIT))
                    .containsExactly("1.3", "1.2", "1.1");
            String firstSha = pacts.publication("stock", "shop", "1.1").block(WAIT).sha();
            List<Verification> verified = verifications.forContent(firstSha).collectList().block(WAIT);
            assertThat(verified).extracting(Verification::providerVersion).containsExactly("9.1", "9.0");
            assertThat(verifications.byNumber(firstSha, verified.get(1).number()).block(WAIT).success()).isTrue();
            assertThat(verifications.forContent(sha).collectList().block(WAIT))
                    .as("the third version's content was never verified").isEmpty();

            PactSeeding.publish(pacts, "shop", "1.5", "main", List.of(), "stock", pact(2)).block(WAIT);
            assertThat(pacticipants.versions("shop").map(Version::number).blockFirst(WAIT)).isEqualTo("1.5");
            pacticipants.ensureVersion("shop", "1.6", "another", List.of(), null).block(WAIT);
            assertThat(pacticipants.branches("shop").map(Branch::name).collectList().block(WAIT))
                    .containsExactly("another", "feat", "main");
            assertThat(pacts.history("stock", "shop").count().block(WAIT)).isEqualTo(4L);
        }
    }

    private static byte[] pact(int generation) {
        return """
                {"consumer":{"name":"shop"},"provider":{"name":"stock"},"interactions":[
                 {"description":"get item %1$d","request":{"method":"GET","path":"/items/%1$d"},
                  "response":{"status":200,"body":{"id":%1$d}}}],
                 "metadata":{"pactSpecification":{"version":"2.0.0"}}}""".formatted(generation)
                .getBytes(StandardCharsets.UTF_8);
    }
}
