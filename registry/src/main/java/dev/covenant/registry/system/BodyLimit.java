package dev.covenant.registry.system;

import org.springframework.http.HttpMethod;

/**
 * A feature's request body cap for one endpoint, above the general {@code covenant.security.max-body-bytes}: each
 * feature that accepts large bodies declares its limits as beans, and the body limit filter applies them before any
 * handler reads the body.
 *
 * @param method   the request method
 * @param path     a Spring {@code PathPattern} ({@code /pacts/provider/{provider}/**})
 * @param maxBytes the largest body accepted, in bytes
 */
public record BodyLimit(HttpMethod method, String path, long maxBytes) {
}
