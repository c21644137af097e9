package dev.covenant.registry.pacticipants;

import dev.covenant.registry.system.Links;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Adds relations to a version resource's {@code _links} from another feature (e.g. environments add
 * {@code pb:record-deployment}), so this package does not depend on those features.
 */
public interface VersionLinkContributor {

    /** Relation name → link object or list of link objects; empty map when there is nothing to add. */
    Mono<Map<String, Object>> links(Links links, Version version);
}
