package dev.covenant.registry.checks;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.contract.diff.DiffSettings;
import dev.covenant.registry.engine.EngineGateway;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import org.bson.Document;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Each application's diff options ({@code diff_options}, {@code _id} = application): the engine's options by
 * oasdiff's names, rule level overrides and ignored fingerprints, applied to every diff and policy check of its
 * documents. Stored as the settings' JSON, read back through the same parser a PUT goes through.
 */
@Service
class DiffSettingsStore {

    private final MongoCollection<Document> settings;
    private final Clock clock;
    private final EngineGateway engine;

    DiffSettingsStore(MongoDatabase database, Clock clock, EngineGateway engine) {
        this.engine = engine;
        this.settings = database.getCollection("diff_options");
        this.clock = clock;
    }

    /** The application's settings, or the defaults when none were set. */
    Mono<DiffSettings> of(String application) {
        return Mono.from(settings.find(eq("_id", application)).first())
                .map(document -> parse(document.getString("settings")))
                .defaultIfEmpty(DiffSettings.defaults());
    }

    Mono<DiffSettings> save(String application, DiffSettings value) {
        Document document = new Document("_id", application)
                .append("settings", text(value))
                .append("updatedAt", Date.from(clock.instant()));
        return Mono.from(settings.replaceOne(eq("_id", application), document, new ReplaceOptions().upsert(true)))
                .thenReturn(value);
    }

    private DiffSettings parse(String stored) {
        return DiffSettings.read(engine.readStoredNow(stored.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(DiffSettings value) {
        return tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(value.view());
    }
}
