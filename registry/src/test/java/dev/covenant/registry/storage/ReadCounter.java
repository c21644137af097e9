package dev.covenant.registry.storage;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Counts the documents the server returned per collection through {@code find} and {@code getMore}: what a read
 * really fetched, whatever the code path. Register it on a client (a {@link CommandListener} bean reaches the
 * registry's) and compare {@link #documents} before and after.
 */
public final class ReadCounter implements CommandListener {

    private final Map<Integer, String> collections = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> documents = new ConcurrentHashMap<>();
    private final AtomicLong commands = new AtomicLong();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        commands.incrementAndGet();
        BsonDocument command = event.getCommand();
        if (event.getCommandName().equals("find")) {
            collections.put(event.getRequestId(), command.getString("find").getValue());
        } else if (event.getCommandName().equals("getMore")) {
            collections.put(event.getRequestId(), command.getString("collection").getValue());
        }
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        String collection = collections.remove(event.getRequestId());
        if (collection == null || !event.getResponse().containsKey("cursor")) {
            return;
        }
        BsonDocument cursor = event.getResponse().getDocument("cursor");
        BsonValue batch = cursor.containsKey("firstBatch") ? cursor.get("firstBatch") : cursor.get("nextBatch");
        if (batch != null && batch.isArray()) {
            documents.computeIfAbsent(collection, ignored -> new AtomicLong()).addAndGet(batch.asArray().size());
        }
    }

    @Override
    public void commandFailed(com.mongodb.event.CommandFailedEvent event) {
        collections.remove(event.getRequestId());
    }

    /** Commands started so far, of any kind. */
    public long commands() {
        return commands.get();
    }

    /** Documents of the collection returned so far. */
    public long documents(String collection) {
        AtomicLong count = documents.get(collection);
        return count == null ? 0 : count.get();
    }
}
