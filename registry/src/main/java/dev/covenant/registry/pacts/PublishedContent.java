package dev.covenant.registry.pacts;

/** A pact content published to an integration (the verification summaries' one-time build joins on it). */
public record PublishedContent(String provider, String consumer, String sha) {
}
