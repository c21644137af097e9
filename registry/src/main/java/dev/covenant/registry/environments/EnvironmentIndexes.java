package dev.covenant.registry.environments;

import com.mongodb.client.model.IndexModel;
import dev.covenant.registry.storage.HotCollections;
import dev.covenant.registry.storage.IndexDefinitions;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Publishes the environment store's indexes (the unique name) to the start-up index initializer, and its hot collections. */
@Component
class EnvironmentIndexes implements IndexDefinitions, HotCollections {

    private final Environments environments;

    EnvironmentIndexes(Environments environments) {
        this.environments = environments;
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return environments.store().indexes();
    }

    /** What can-i-deploy and the deployed/released selectors read. */
    @Override
    public List<String> hotCollections() {
        return List.of("environments", "deployment_states", "deployed_versions", "released_versions");
    }
}
