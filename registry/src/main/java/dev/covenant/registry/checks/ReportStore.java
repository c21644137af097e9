package dev.covenant.registry.checks;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.storage.IndexDefinitions;
import dev.covenant.registry.storage.MongoErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Compatibility reports in {@code compatibility_reports}, {@code _id} = the report id (derived from its event). */
@Component
public class ReportStore implements IndexDefinitions {

    static final int MAX_LISTED = 200;

    private final MongoCollection<Document> reports;

    ReportStore(MongoDatabase database) {
        this.reports = database.getCollection("compatibility_reports");
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return Map.of("compatibility_reports", List.of(new IndexModel(Indexes.ascending("application", "createdAt"))));
    }

    /** Stores the report unless one with its id exists; completes with the stored one either way. */
    Mono<Report> insert(Report report) {
        return Mono.from(reports.insertOne(ReportCodec.toDocument(report)))
                .thenReturn(report)
                .onErrorResume(MongoErrors::isDuplicateKey, e -> find(report.id()));
    }

    /** One report, empty when there is none with that id. */
    public Mono<Report> find(String id) {
        return Mono.from(reports.find(eq("_id", id)).first()).map(ReportCodec::fromDocument);
    }

    /** Reports newest first (at most {@value #MAX_LISTED}), for an application (and version) when given. */
    public Flux<Report> list(String application, String version) {
        List<Bson> filters = new ArrayList<>();
        if (application != null) {
            filters.add(eq("application", application));
        }
        if (version != null) {
            filters.add(eq("version", version));
        }
        Bson filter = filters.isEmpty() ? new Document() : filters.size() == 1 ? filters.get(0) : and(filters);
        return Flux.from(reports.find(filter).sort(Sorts.descending("createdAt")).limit(MAX_LISTED))
                .map(ReportCodec::fromDocument);
    }
}
