package dev.covenant.registry.storage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Loads the embedded store's hot collections ({@link HotCollections}, plus the write generation's counters) into
 * H2's page cache on a background thread once the registry is ready, so the first minute after a restart does not
 * pay ~2-3 ms per document whose page is not cached yet (docs/benchmarks.md, "History at Pact Broker scale";
 * ADR 0033). Readiness does not wait for it; it stops at three quarters of the cache, leaving room for the rest of
 * the working set. Nothing with a MongoDB URI.
 */
final class EmbeddedWarmUp {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedWarmUp.class);

    private final EmbeddedMongo store;
    private final String database;
    private final ObjectProvider<HotCollections> features;
    private final boolean enabled;
    private volatile Thread thread;

    EmbeddedWarmUp(EmbeddedMongo store, StorageProperties properties, ObjectProvider<HotCollections> features) {
        this.store = store;
        this.database = properties.database();
        this.features = features;
        this.enabled = store != null && properties.embeddedWarmUp();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!enabled) {
            return;
        }
        Thread warming = new Thread(this::warm, "embedded-store-warm-up");
        warming.setDaemon(true);
        thread = warming;
        warming.start();
    }

    /** The collections warmed: the counters (read by every request, {@link WriteGenerations}), then the features'. */
    List<String> collections() {
        Set<String> names = new LinkedHashSet<>();
        names.add("counters");
        features.orderedStream().forEach(feature -> names.addAll(feature.hotCollections()));
        return new ArrayList<>(names);
    }

    private void warm() {
        try {
            EmbeddedMongo.WarmUp done = store.warm(database, collections(), budget());
            log.info("Embedded store warmed: {} of {} maps, {} entries, page cache {} of {} MB, in {} ms",
                    done.mapsWarmed(), done.mapsFound(), done.entries(), done.cacheUsedMegabytes(),
                    done.cacheMegabytes(), done.millis());
        } catch (RuntimeException e) {
            // a store closed while warming (shut-down, or a failed write reopening it): nothing to finish
            log.debug("Embedded store warm-up stopped: {}", e.toString());
        }
    }

    private int budget() {
        return store.cacheMegabytes() * 3 / 4;
    }

    /** Waits for a warm-up under way (tests). */
    void awaitWarmed() throws InterruptedException {
        Thread warming = thread;
        if (warming != null) {
            warming.join();
        }
    }
}
