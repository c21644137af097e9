package dev.covenant.registry.storage;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 backend of mongo-java-server with one change: a command that may write returns (and so its reply leaves
 * the embedded server) only after the MVStore holding its change has been committed to the data file, and with
 * {@link Durability#POWER} forced to the disk. mongo-java-server's wire handler sends the reply of
 * {@code handleCommand} after it returns, so this is the one place every write of every feature passes.
 *
 * <p>Group commit: each finished write takes a ticket; the first writer to get the commit lock commits everything
 * written so far and publishes the highest ticket it covered, so writers queued behind it find their ticket
 * covered and return without a commit of their own. See {@code docs/adr/0006-embedded-store-commits-before-answering.md}.
 *
 * <p>Its databases are {@link SnapshotH2Database}s: query answers are copies, and stored documents never change in
 * place, so an answer cannot change while it is being encoded (mongo-java-server's "Failed to encode").
 */
final class CommittingH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(CommittingH2Backend.class);

    /** Commands that never change the store; every other command (unknown ones included) is committed. */
    private static final Set<String> READ_ONLY = Set.of("find", "getmore", "count", "distinct", "listcollections",
            "listindexes", "listdatabases", "ping", "hello", "ismaster", "buildinfo", "whatsmyuri", "killcursors",
            "endsessions", "dbstats", "collstats", "serverstatus", "getlasterror", "getparameter", "hostinfo",
            "getcmdlineopts", "connectionstatus", "getlog", "explain");

    private final MVStore store;
    private final Durability durability;
    private final ReentrantLock commitLock = new ReentrantLock();
    private final AtomicLong written = new AtomicLong();
    private volatile long committed;
    private final AtomicLong commits = new AtomicLong();

    CommittingH2Backend(MVStore store, Durability durability) {
        super(store);
        this.store = store;
        this.durability = durability;
    }

    @Override
    protected de.bwaldvogel.mongo.MongoDatabase openOrCreateDatabase(String databaseName) {
        // getMvStore(): H2Backend opens the existing databases from within its constructor, before this class sets its fields
        return SnapshotH2Database.open(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (durability == Durability.BULK || !writes(command, query)) {
            return super.handleCommand(channel, databaseName, command, query);
        }
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            // also after a failed write: a duplicate-key error tells the registry that an earlier write (perhaps
            // another connection's, not yet committed) exists, and the registry treats that as done
            awaitCommitted(written.incrementAndGet());
        }
    }

    private static boolean writes(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("aggregate")) {
            return query.get("pipeline") instanceof List<?> stages && stages.stream()
                    .anyMatch(stage -> stage instanceof Document d && (d.containsKey("$out") || d.containsKey("$merge")));
        }
        return !READ_ONLY.contains(name);
    }

    /** Returns once a commit that began after this write finished has completed. */
    private void awaitCommitted(long ticket) {
        if (committed >= ticket) {
            return;
        }
        commitLock.lock();
        try {
            if (committed >= ticket) {
                return;
            }
            long covered = written.get();
            commit();
            committed = covered;
            commits.incrementAndGet();
        } finally {
            commitLock.unlock();
        }
    }

    /** Writes the changes to the file (and forces them to disk); a failure closes the H2 store. */
    @Override
    public void commit() {
        try {
            store.commit();
            if (durability == Durability.POWER) {
                store.sync();
            }
        } catch (RuntimeException e) {
            // a store closed by an earlier failure (the background writer's, say) reports that failure as the cause
            Throwable cause = store.getPanicException() != null ? store.getPanicException() : e;
            throw storeFailure("could not write its data file " + fileName(), cause);
        }
    }

    /**
     * The error the driver receives when the store cannot write: {@code OutOfDiskSpace} (14031) when the disk is
     * full, which the registry answers with 503; logged with what to do.
     */
    static MongoServerError storeFailure(String what, Throwable cause) {
        boolean full = MongoErrors.outOfSpace(cause);
        String message = "The embedded store " + what + ": " + rootMessage(cause) + (full
                ? "; free disk space in the data folder (covenant.storage.data-dir); nothing acknowledged was lost,"
                        + " and writes are accepted again once there is room"
                : "; check that the data folder is writable; nothing acknowledged was lost");
        log.error(message);
        return full ? new MongoServerError(MongoErrors.OUT_OF_DISK_SPACE, "OutOfDiskSpace", message, cause)
                : new MongoServerError(8, "UnknownError", message, cause);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private String fileName() {
        return store.getFileStore() == null ? "(in memory)" : store.getFileStore().getFileName();
    }

    /** The H2 store (to warm its page cache). */
    MVStore store() {
        return store;
    }

    /** False once a failed write has closed the H2 store; then it must be opened again from its file. */
    boolean usable() {
        return !store.isClosed() && store.getPanicException() == null;
    }

    /**
     * Drops a store that a failed write has closed, without H2's normal close: that one commits first, and a
     * commit failing inside a close makes H2 close again from within itself (it then spins).
     */
    void discard() {
        if (!store.isClosed()) { // waits for a close under way (a panic) to finish
            store.closeImmediately();
        }
    }

    /** Commits done so far; fewer than the writes when concurrent writes shared one. */
    long commits() {
        return commits.get();
    }

    /** Writes acknowledged so far. */
    long writes() {
        return written.get();
    }

    /** Commits what is left and closes; a store that cannot write any more is dropped instead (see discard). */
    @Override
    public void close() {
        log.debug("{} writes in {} commits", written.get(), commits.get());
        if (usable()) {
            try {
                commit();
            } catch (RuntimeException e) {
                log.debug("final commit failed: {}", e.toString());
            }
        }
        if (usable()) {
            super.close();
        } else {
            discard();
        }
    }
}
