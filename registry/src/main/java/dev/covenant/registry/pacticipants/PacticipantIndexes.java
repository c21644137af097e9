package dev.covenant.registry.pacticipants;

import com.mongodb.client.model.IndexModel;
import dev.covenant.registry.storage.HotCollections;
import dev.covenant.registry.storage.IndexDefinitions;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Publishes the pacticipant store's indexes to the start-up index initializer, and its hot collections. */
@Component
class PacticipantIndexes implements IndexDefinitions, HotCollections {

    private final Pacticipants pacticipants;

    PacticipantIndexes(Pacticipants pacticipants) {
        this.pacticipants = pacticipants;
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return pacticipants.store().indexes();
    }

    /** What the gates read many of per call: applications, tag heads and branches (for-verification's WIP part). */
    @Override
    public List<String> hotCollections() {
        return List.of("applications", "tag_heads", "branches");
    }
}
