package dev.covenant.registry.pacts;

/** One decoded contract of a publish request. */
record ContractToPublish(String consumer, String provider, PactContent content, boolean merge) {
}
