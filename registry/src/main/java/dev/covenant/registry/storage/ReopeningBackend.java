package dev.covenant.registry.storage;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's backend, opened again from its data file when a failed write (a full disk) has closed
 * the H2 store. H2 closes its store on a failed write ("panic") and cannot reopen it in place; what the file held
 * at the last commit is exactly what the registry acknowledged, so opening it again loses nothing acknowledged.
 * Connections stay up; a cursor open at the failure is gone.
 *
 * <p>It also admits only connections from processes of the registry's own user (on Linux; {@link LocalPeers}):
 * the server listens on loopback without authentication, and another local user must not reach the data behind
 * the registry's back.
 */
final class ReopeningBackend implements MongoBackend {

    private static final Logger log = LoggerFactory.getLogger(ReopeningBackend.class);

    private final Supplier<CommittingH2Backend> opener;
    private final Object lock = new Object();
    private volatile CommittingH2Backend current;
    private final LocalPeers peers;
    private final Set<Channel> admitted = ConcurrentHashMap.newKeySet();

    ReopeningBackend(Supplier<CommittingH2Backend> opener, LocalPeers peers) {
        this.opener = opener;
        this.peers = peers;
        this.current = opener.get();
    }

    /** Refuses (and closes) a connection from a process of another user; checked once per connection. */
    private void admit(Channel channel) {
        if (channel == null || admitted.contains(channel)) {
            return;
        }
        if (channel.remoteAddress() instanceof InetSocketAddress client
                && channel.localAddress() instanceof InetSocketAddress server
                && !peers.sameUser(client, server.getPort())) {
            log.warn("Refused a connection to the embedded store from {}: it belongs to another user than the"
                    + " registry's. Connect as the registry's user (e.g. mongodump), or use a MongoDB with"
                    + " authentication", client);
            channel.close();
            throw new MongoServerError(13, "Unauthorized",
                    "only processes of the registry's own user may connect to the embedded store");
        }
        admitted.add(channel);
    }

    /** The open backend, reopening the store when a failure closed it. */
    CommittingH2Backend backend() {
        CommittingH2Backend backend = current;
        if (backend.usable()) {
            return backend;
        }
        synchronized (lock) {
            if (current.usable()) {
                return current;
            }
            current.discard();
            try {
                current = opener.get();
            } catch (RuntimeException e) {
                throw CommittingH2Backend.storeFailure("could not reopen its data file", e);
            }
            log.warn("The embedded store was reopened from its data file after a failed write; it holds every"
                    + " acknowledged write. If writes keep failing, free disk space in the data folder");
            return current;
        }
    }

    @Override
    public void handleClose(Channel channel) {
        admitted.remove(channel);
        current.handleClose(channel);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        admit(channel);
        return onOpenStore(backend -> backend.handleCommand(channel, database, command, query));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        admit(query.getChannel());
        return onOpenStore(backend -> backend.handleQuery(query));
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        admit(message.getChannel());
        return onOpenStore(backend -> backend.handleMessage(message));
    }

    /**
     * Runs a command on the open backend; when another command's failed write closed the store under it ("This store
     * is closed"), runs it once more on the store opened again. Safe to repeat: a command interrupted by the close
     * committed nothing (a commit is the last thing a write does before its answer, and the close drops every
     * uncommitted change), so the second run is its only effect. Without this, a read that happened to run beside a
     * write failing on a full disk was answered with an error although the data was there.
     */
    <T> T onOpenStore(Function<CommittingH2Backend, T> command) {
        CommittingH2Backend backend = backend();
        try {
            return command.apply(backend);
        } catch (RuntimeException e) {
            if (backend.usable() || !closedUnder(e)) {
                throw e;
            }
            log.debug("A command met the store closed by another command's failed write; running it again", e);
            return command.apply(backend());
        }
    }

    /** Whether the failure is H2's "store is closed" (the store was closed while the command ran). */
    static boolean closedUnder(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MVStoreException store && store.getErrorCode() == DataUtils.ERROR_CLOSED) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    @Override
    public void dropDatabase(String database) {
        backend().dropDatabase(database);
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return backend().getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return backend().getServerStatus();
    }

    @Override
    public void close() {
        current.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        current.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return current.getClock();
    }

    @Override
    public void enableOplog() {
        backend().enableOplog();
    }

    @Override
    public void disableOplog() {
        backend().disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return backend().resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        backend().version(version);
        return this;
    }
}
