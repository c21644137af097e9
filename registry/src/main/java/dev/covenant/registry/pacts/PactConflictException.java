package dev.covenant.registry.pacts;

import dev.covenant.registry.system.ConflictException;
import java.util.List;

/** Publishing different content for a consumer version that already has a pact for that provider. */
class PactConflictException extends ConflictException {

    PactConflictException(List<String> messages) {
        super("contracts", String.join("\n", messages));
    }
}
