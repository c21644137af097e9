package dev.covenant.registry.pacticipants;

import com.mongodb.client.model.IndexModel;
import dev.covenant.registry.storage.IndexDefinitions;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Publishes the pacticipant store's indexes to the start-up index initializer. */
@Component
class PacticipantIndexes implements IndexDefinitions {

    private final Pacticipants pacticipants;

    PacticipantIndexes(Pacticipants pacticipants) {
        this.pacticipants = pacticipants;
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return pacticipants.store().indexes();
    }
}
