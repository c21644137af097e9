package dev.covenant.registry.storage;

import com.mongodb.client.model.IndexModel;
import java.util.List;
import java.util.Map;

/** A feature's secondary indexes, created at start-up: collection name → indexes. */
@FunctionalInterface
public interface IndexDefinitions {

    Map<String, List<IndexModel>> indexes();
}
