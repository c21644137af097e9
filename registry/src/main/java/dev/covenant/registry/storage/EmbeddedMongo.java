package dev.covenant.registry.storage;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process MongoDB-wire server (mongo-java-server, H2 file backend) used when no MongoDB URI is set,
 * so that one command starts a working registry. Reached over loopback through the real driver. Every write is
 * committed to the data file before its answer leaves the server ({@link CommittingH2Backend}).
 */
final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    /** A data file smaller than this is opened as it is. */
    private static final long COMPACT_AT_START_BYTES = 64L << 20;

    private final ReopeningBackend backend;
    private final MongoServer server;
    private final InetSocketAddress address;

    /** The data file is rewritten at start only when less than this share of its chunks is live data (percent). */
    private static final int COMPACT_BELOW_FILL_PERCENT = 50;

    EmbeddedMongo(String dataDir, Durability durability) {
        this(dataDir, durability, StorageProperties.defaultCacheSize(Runtime.getRuntime().maxMemory()));
    }

    /** {@code cacheMegabytes}: H2's page cache (decoded pages), see {@link StorageProperties#embeddedCacheSize}. */
    EmbeddedMongo(String dataDir, Durability durability, int cacheMegabytes) {
        Path dir = Path.of(dataDir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + dir
                    + "; set COVENANT_DATA_DIR to a writable folder", e);
        }
        Path file = dir.resolve("covenant.mv");
        if (!StoreFormat.upgrade(file)) { // a converted file is already compact
            compactAtStart(file, COMPACT_AT_START_BYTES);
        }
        LocalPeers peers = LocalPeers.ofThisUser();
        this.backend = new ReopeningBackend(() -> new CommittingH2Backend(StoreFormat.checked(new MVStore.Builder()
                .fileName(file.toString())
                .cacheSize(cacheMegabytes)
                .open()), durability), peers);
        this.server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        this.address = server.getLocalAddress();
        if (!peers.checks()) {
            log.warn("The embedded store cannot tell which user a connection comes from on this system: any local"
                    + " process can read and change the registry's data through {}. Run the registry on a machine or"
                    + " container of its own, or set COVENANT_MONGODB_URI to a MongoDB with authentication",
                    connectionString());
        }
        log.info("Embedded MongoDB-wire server at {} with data in {} (durability {}: {}; page cache {} MB); set"
                + " COVENANT_MONGODB_URI to use a real MongoDB", connectionString(), file,
                durability.name().toLowerCase(Locale.ROOT),
                switch (durability) {
                    case POWER -> "every write forced to disk before its answer";
                    case PROCESS -> "every write committed to the file before its answer";
                    case BULK -> "bulk load: committed about once a second, a crash loses the last second";
                }, cacheMegabytes);
        if (durability == Durability.BULK) {
            log.warn("Durability is bulk: writes are acknowledged before they are committed, so a crash loses up to "
                    + "the last second of acknowledged writes. Use it only to load a store you can rebuild; for a "
                    + "registry in use, remove covenant.storage.durability (default: process)");
        }
    }

    /**
     * Rewrites the live data of a large data file into a fresh one before it is opened. H2 writes a chunk per
     * commit and the registry commits every write; under a steady load H2's own compaction, which waits for an
     * idle store, falls behind, and the file ends up mostly dead pages (1 % live after a seed of 960 versions:
     * 535 MB rewritten to 6 MB in 6 s; docs/benchmarks.md). H2 writes the new file beside the old one and replaces
     * it atomically, so a crash during the rewrite leaves the old file. A failure (say, a full disk) leaves the file
     * as it is. A file whose chunks are mostly live is left alone: rewriting it gains nothing and took 7.4 s of the
     * start-up at 190,000 versions (691 MB to 691 MB).
     */
    static void compactAtStart(Path file, long minimumBytes) {
        try {
            if (!Files.exists(file) || Files.size(file) < minimumBytes) {
                return;
            }
            int live = liveChunksPercent(file);
            if (live >= COMPACT_BELOW_FILL_PERCENT) {
                log.info("Embedded store not compacted at start: {} MB, {} % of its chunks live", Files.size(file) >> 20,
                        live);
                return;
            }
            long before = Files.size(file);
            long start = System.nanoTime();
            MVStore.compact(file.toString(), false, null);
            log.info("Embedded store compacted at start: {} MB to {} MB in {} ms", before >> 20, Files.size(file) >> 20,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not compact the embedded store's data file {} at start ({}); it is opened as it is. Check "
                    + "the free disk space of its folder (the rewrite needs room for the live data)", file, e.toString());
        }
    }

    /** How much of the file's chunks is live data, in percent (opening read-only reads the chunk headers only). */
    private static int liveChunksPercent(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            return store.getFileStore().getChunksFillRate();
        } finally {
            store.close();
        }
    }

    /**
     * Loads the pages of these collections of {@code database} (their documents and their {@code _id} index) into
     * the page cache, smallest collection first, until {@code budgetMegabytes} of the cache is used; see
     * {@link EmbeddedWarmUp}. Reads the H2 maps directly: no query, no lock of the wire server, writes go on.
     */
    WarmUp warm(String database, List<String> collections, int budgetMegabytes) {
        MVStore store = backend.backend().store();
        long start = System.nanoTime();
        List<MVMap<?, ?>> maps = new ArrayList<>();
        for (String collection : collections) {
            String documents = StoreFormat.DOCUMENTS_PREFIX + database + "." + collection;
            if (store.hasMap(documents)) {
                maps.add(StoreFormat.openDocuments(store, documents));
            }
            String idIndex = database + "." + collection + "._index__id_";
            if (store.hasMap(idIndex)) {
                maps.add(StoreFormat.openIndex(store, idIndex));
            }
        }
        maps.sort(Comparator.comparingLong(MVMap::sizeAsLong));
        long entries = 0;
        int warmed = 0;
        for (MVMap<?, ?> map : maps) {
            if (store.getCacheSizeUsed() >= budgetMegabytes || store.isClosed()) {
                break;
            }
            Cursor<?, ?> cursor = map.cursor(null);
            while (cursor.hasNext() && store.getCacheSizeUsed() < budgetMegabytes) {
                cursor.next();
                entries++;
            }
            warmed++;
        }
        return new WarmUp(warmed, maps.size(), entries, store.getCacheSizeUsed(), store.getCacheSize(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** What {@link #warm} did: maps (documents and {@code _id} indexes) begun of those found, entries read. */
    record WarmUp(int mapsWarmed, int mapsFound, long entries, int cacheUsedMegabytes, int cacheMegabytes,
            long millis) {
    }

    /** Reads from the data file since it was opened (pages not in the cache; H2 counts each read). */
    long fileReads() {
        MVStore store = backend.backend().store();
        return store.getFileStore() == null ? 0 : store.getFileStore().getReadCount();
    }

    /** How much of the page cache is used, in MB. */
    int cacheUsedMegabytes() {
        return backend.backend().store().getCacheSizeUsed();
    }

    /** The page cache's size in MB. */
    int cacheMegabytes() {
        return backend.backend().store().getCacheSize();
    }

    /** Commits done so far (fewer than {@link #writes()} when concurrent writes shared one). */
    long commits() {
        return backend.backend().commits();
    }

    /** Writes committed so far. */
    long writes() {
        return backend.backend().writes();
    }

    String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    @Override
    public void close() {
        server.shutdown();
        backend.close();
        log.info("Embedded MongoDB-wire server stopped; data flushed");
    }
}
