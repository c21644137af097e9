package dev.covenant.registry.security;

import reactor.core.publisher.Mono;

/**
 * Which team owns an application, for the request filter that refuses a publisher writing for another team's
 * application before the body is read. Security declares it; the feature that keeps applications implements it, so
 * security depends on no feature.
 */
public interface ApplicationOwners {

    /** The owning team's name; empty when the application has no team or does not exist. Never writes. */
    Mono<String> ownerOf(String application);
}
