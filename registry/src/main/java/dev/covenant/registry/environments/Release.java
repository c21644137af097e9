package dev.covenant.registry.environments;

import java.time.Instant;

/**
 * A release of an application version to an environment (the Pact Broker's "released version"); several
 * releases of one application can be supported at once.
 *
 * @param supportEndedAt when support ended; null while it is supported
 */
public record Release(String uuid, String application, String version, String environmentUuid,
        String environmentName, Instant createdAt, Instant supportEndedAt) implements EnvironmentVersion {

    public boolean currentlySupported() {
        return supportEndedAt == null;
    }

    @Override
    public String applicationInstance() {
        return null;
    }
}
