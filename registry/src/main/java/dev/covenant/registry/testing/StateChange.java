package dev.covenant.registry.testing;

import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.system.JsonBodies;
import tools.jackson.databind.JsonNode;

/**
 * A state change request as the pact verifiers send it: {@code {"state","params","action"}}, or the older
 * {@code {"state"}} (a set-up).
 */
record StateChange(String state, Action action) {

    enum Action {
        SETUP, TEARDOWN
    }

    static StateChange parse(JsonNode body) {
        String state = JsonBodies.optionalString(body, "state");
        // Interactions without a provider state still get a state change (with no name): an empty store.
        state = state == null ? "" : state.strip();
        String action = JsonBodies.optionalString(body, "action");
        if (action == null || action.equals("setup")) {
            return new StateChange(state, Action.SETUP);
        }
        if (action.equals("teardown")) {
            return new StateChange(state, Action.TEARDOWN);
        }
        throw new InvalidRequestException("action", "must be 'setup' or 'teardown', not '" + action + "'");
    }
}
