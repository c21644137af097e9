package dev.covenant.registry.environments;

import java.time.Instant;

/**
 * A deployment of an application version to an environment (the Pact Broker's "deployed version").
 *
 * @param applicationInstance which of several instances of the application in the environment, or null
 * @param undeployedAt        when it was replaced or undeployed; null while it is deployed
 */
public record Deployment(String uuid, String application, String version, String environmentUuid,
        String environmentName, String applicationInstance, Instant createdAt, Instant undeployedAt,
        boolean currentlyDeployed) implements EnvironmentVersion {
}
