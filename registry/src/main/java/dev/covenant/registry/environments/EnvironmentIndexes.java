package dev.covenant.registry.environments;

import com.mongodb.client.model.IndexModel;
import dev.covenant.registry.storage.IndexDefinitions;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Publishes the environment store's indexes (the unique name) to the start-up index initializer. */
@Component
class EnvironmentIndexes implements IndexDefinitions {

    private final Environments environments;

    EnvironmentIndexes(Environments environments) {
        this.environments = environments;
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return environments.store().indexes();
    }
}
