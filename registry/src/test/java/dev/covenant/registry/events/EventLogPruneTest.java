package dev.covenant.registry.events;

import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.RegistryTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;

/**
 * Retention of the event log walks it in sequence order, a batch at a time: every event older than the cutoff
 * goes, across several batches and among events stamped a little out of order around the cutoff, and none newer.
 */
class EventLogPruneTest extends RegistryTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    EventLog events;
    @Autowired
    MongoDatabase database;

    @Test
    void pruningDeletesEveryEventOlderThanTheCutoffAndNoNewerOne() {
        Instant cutoff = Instant.now().minus(Duration.ofDays(30));
        String prefix = unique("prune");
        List<Document> log = new ArrayList<>();
        List<String> old = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        // more than two batches of old events, oldest first, with sequences before every other test's events
        long sequence = -1_000_000;
        for (int i = 0; i < EventLog.PRUNE_BATCH * 2 + 100; i++) {
            old.add(record(log, prefix, sequence++, cutoff.minus(Duration.ofDays(1)).plusSeconds(i)));
        }
        // around the cutoff, stamped out of sequence order by a few seconds (two instances' clocks)
        long[] offsets = {5, -5, 10, -2, 20};
        for (long offset : offsets) {
            (offset < 0 ? old : kept).add(record(log, prefix, sequence++, cutoff.plusSeconds(offset)));
        }
        for (int i = 0; i < 10; i++) {
            kept.add(record(log, prefix, sequence++, cutoff.plus(Duration.ofDays(1)).plusSeconds(i)));
        }
        Flux.fromIterable(log).buffer(500).concatMap(database.getCollection("events")::insertMany).blockLast(WAIT);

        Long pruned = events.pruneBefore(cutoff).block(WAIT);

        assertThat(pruned).isGreaterThanOrEqualTo(old.size());
        assertThat(ids(old)).as("older than the cutoff").isEmpty();
        assertThat(ids(kept)).as("the cutoff or newer").containsExactlyInAnyOrderElementsOf(kept);
        assertThat(events.pruneBefore(cutoff).block(WAIT)).as("nothing left to prune").isZero();
    }

    private static String record(List<Document> log, String prefix, long sequence, Instant createdAt) {
        String id = prefix + "-" + sequence;
        log.add(new Document("_id", id).append("type", "test").append("sequence", sequence)
                .append("createdAt", Date.from(createdAt)));
        return id;
    }

    private List<String> ids(List<String> wanted) {
        return Flux.from(database.getCollection("events").find(in("_id", wanted)))
                .map(document -> document.getString("_id"))
                .collectList()
                .block(WAIT);
    }
}
