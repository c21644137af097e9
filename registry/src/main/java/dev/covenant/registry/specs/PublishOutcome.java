package dev.covenant.registry.specs;

/**
 * The result of a publish.
 *
 * @param created false when the same content was already published for that version (a no-op)
 */
record PublishOutcome(ProviderContract contract, boolean created) {
}
