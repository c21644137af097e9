package dev.covenant.registry.verifications;

import reactor.core.publisher.Mono;

/**
 * Told after a new verification result is recorded (not for a retried POST), so read models kept elsewhere can
 * follow. Implementations must be idempotent and must not fail the publish: errors are logged and dropped.
 */
public interface VerificationListener {

    Mono<Void> onRecorded(Verification verification);
}
