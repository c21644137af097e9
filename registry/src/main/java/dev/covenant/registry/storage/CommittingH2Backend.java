package dev.covenant.registry.storage;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
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
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (!writes(command, query)) {
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
            store.commit();
            if (durability == Durability.POWER) {
                store.sync();
            }
            committed = covered;
            commits.incrementAndGet();
        } finally {
            commitLock.unlock();
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

    @Override
    public void close() {
        log.debug("{} writes in {} commits", written.get(), commits.get());
        super.close();
    }
}
