package dev.covenant.registry.specs;

import java.util.List;

/**
 * A document to publish for a provider version.
 *
 * @param content     the document's bytes as published
 * @param contentType the declared media type (informational; the content is sniffed)
 */
record PublishRequest(String provider, String version, String branch, List<String> tags, String buildUrl,
        byte[] content, String contentType, ProviderContract.SelfVerification selfVerification) {
}
