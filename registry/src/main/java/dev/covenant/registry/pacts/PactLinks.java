package dev.covenant.registry.pacts;

import dev.covenant.registry.system.Links;

/** The Pact Broker's URL scheme for pacts, absolute and percent-encoded. */
public final class PactLinks {

    private PactLinks() {
    }

    public static String version(Links links, String provider, String consumer, String consumerVersion) {
        return links.href("pacts", "provider", provider, "consumer", consumer, "version", consumerVersion);
    }

    public static String latest(Links links, String provider, String consumer) {
        return links.href("pacts", "provider", provider, "consumer", consumer, "latest");
    }

    /** The pact content URL; {@code metadata} (opaque, already URL-safe) is carried when given. */
    public static String pactVersion(Links links, String provider, String consumer, String sha, String metadata) {
        String href = links.href("pacts", "provider", provider, "consumer", consumer, "pact-version", sha);
        return metadata == null || metadata.isEmpty() ? href : href + "/metadata/" + Links.encode(metadata);
    }

    public static String verificationResults(Links links, String provider, String consumer, String sha, String metadata) {
        return pactVersion(links, provider, consumer, sha, metadata) + "/verification-results";
    }
}
