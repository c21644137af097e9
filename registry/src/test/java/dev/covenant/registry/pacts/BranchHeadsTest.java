package dev.covenant.registry.pacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.RegistryTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * An integration's branch-heads document (one read for for-verification's work-in-progress pacts) answers what
 * reading every branch's pact head one by one answers: under concurrent publishes, after a branch is deleted, and
 * on a store written before the document existed (rebuilt on first read).
 */
class BranchHeadsTest extends RegistryTest {

    @Autowired
    PactService pacts;

    @Autowired
    MongoDatabase database;

    private final String consumer = unique("heads-web");
    private final String provider = unique("heads-api");

    @Test
    void concurrentPublishesOnManyBranchesAllLandAndOnlyMoveForward() {
        List<String> branches = IntStream.range(0, 12).mapToObj(i -> i % 3 == 0 ? "release.1." + i : "feat-$" + i).toList();
        // versions 1..3 on every branch, all at once; each branch's head must end at its newest version
        Flux.fromIterable(branches)
                .flatMap(branch -> Flux.range(1, 3).concatMap(n -> publish(branch, branch + "-v" + n, n)), 8)
                .blockLast(Duration.ofSeconds(120));
        // an older version published again afterwards does not move any head back
        publish(branches.get(0), branches.get(0) + "-v1", 1).block(Duration.ofSeconds(30));

        Map<String, PactPublication> heads = block(pacts.branchHeads(provider, consumer));

        assertThat(heads).containsOnlyKeys(branches);
        branches.forEach(branch -> assertThat(heads.get(branch).consumerVersion()).isEqualTo(branch + "-v3"));
        assertThat(heads).isEqualTo(block(pacts.branchHeadsOneByOne(provider, consumer)));
        assertThat(summary().getBoolean("complete")).isTrue();
    }

    @Test
    void aStoreWithoutTheDocumentIsAnsweredOneByOneAndRebuilt() {
        publish("main", "1", 1).block(Duration.ofSeconds(30));
        publish("feature.x", "2", 2).block(Duration.ofSeconds(30));
        // as a store written before branch-heads documents existed
        block(Mono.from(database.getCollection("pact_branch_heads").deleteOne(Filters.eq("_id", id()))));

        Map<String, PactPublication> heads = block(pacts.branchHeads(provider, consumer));

        assertThat(heads.keySet()).containsExactly("feature.x", "main");
        assertThat(heads.get("main").consumerVersion()).isEqualTo("1");
        assertThat(summary().getBoolean("complete")).isTrue();
        assertThat(summary().get("heads", Document.class).keySet()).containsExactlyInAnyOrder("main", "feature%2Ex");
        assertThat(block(pacts.branchHeads(provider, consumer))).isEqualTo(heads);
    }

    @Test
    void aDeletedBranchLeavesTheHeads() {
        publish("main", "1", 1).block(Duration.ofSeconds(30));
        publish("tmp", "2", 2).block(Duration.ofSeconds(30));
        assertThat(block(pacts.branchHeads(provider, consumer))).containsOnlyKeys("main", "tmp");

        http.delete().uri("/pacticipants/{c}/branches/tmp", consumer).exchange().expectStatus().isNoContent();

        Map<String, PactPublication> heads = block(pacts.branchHeads(provider, consumer));
        assertThat(heads).containsOnlyKeys("main");
        assertThat(heads).isEqualTo(block(pacts.branchHeadsOneByOne(provider, consumer)));
    }

    @Test
    void aVersionAddedToABranchLaterMovesItsHead() {
        publish("main", "1", 1).block(Duration.ofSeconds(30));
        http.put().uri("/pacticipants/{c}/branches/hotfix/versions/1", consumer).exchange().expectStatus().isOk();

        Map<String, PactPublication> heads = block(pacts.branchHeads(provider, consumer));

        assertThat(heads).containsOnlyKeys("hotfix", "main");
        assertThat(heads.get("hotfix").consumerVersion()).isEqualTo("1");
        assertThat(heads).isEqualTo(block(pacts.branchHeadsOneByOne(provider, consumer)));
    }

    private Mono<Void> publish(String branch, String version, int content) {
        return Mono.fromRunnable(() -> {
            http.put().uri(uri -> uri.path("/pacticipants/{c}/branches/{b}/versions/{v}").build(consumer, branch, version))
                    .exchange().expectStatus().isOk();
            http.put().uri("/pacts/provider/{p}/consumer/{c}/version/{v}", provider, consumer, version)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(pact(content))
                    .exchange().expectStatus().is2xxSuccessful();
        }).subscribeOn(Schedulers.boundedElastic()).then();
    }

    private Document summary() {
        return block(Mono.from(database.getCollection("pact_branch_heads").find(Filters.eq("_id", id())).first()));
    }

    private String id() {
        return provider + "|" + consumer;
    }

    private String pact(int content) {
        return "{\"consumer\":{\"name\":\"" + consumer + "\"},\"provider\":{\"name\":\"" + provider + "\"},"
                + "\"interactions\":[{\"description\":\"d" + content + "\",\"request\":{\"method\":\"GET\",\"path\":\"/\"},"
                + "\"response\":{\"status\":200}}]}";
    }

    private static <T> T block(Mono<T> mono) {
        return mono.block(Duration.ofSeconds(30));
    }
}
