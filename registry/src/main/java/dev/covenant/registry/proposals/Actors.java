package dev.covenant.registry.proposals;

import dev.covenant.registry.proposals.ProposalRequests.Acting;
import dev.covenant.registry.security.Caller;
import dev.covenant.registry.security.Callers;
import dev.covenant.registry.security.Role;
import dev.covenant.registry.system.ForbiddenException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who acts for which team on proposals (API and UI alike): in open mode, the team named; a publish token, its own
 * team (naming another is forbidden); an admin, the team named, recorded as acting for it.
 */
@Component
class Actors {

    static final String ANONYMOUS = "anonymous";

    private final Callers callers;

    Actors(Callers callers) {
        this.callers = callers;
    }

    Mono<Acting> acting(String named) {
        return callers.current().map(caller -> acting(caller, named));
    }

    private static Acting acting(Caller caller, String named) {
        if (caller == Caller.ANONYMOUS) {
            return new Acting(named, ANONYMOUS, true);
        }
        if (caller.role() == Role.ADMIN) {
            return new Acting(named, "admin " + caller.name() + (named == null ? "" : " for team " + named), true);
        }
        if (caller.role() != Role.PUBLISH || caller.team() == null) {
            throw new ForbiddenException("Token '" + caller.name() + "' may not write proposals");
        }
        if (named != null && !named.equals(caller.team())) {
            throw new ForbiddenException("Token '" + caller.name() + "' acts for team '" + caller.team()
                    + "' and cannot act for team '" + named + "'");
        }
        return new Acting(caller.team(), caller.name(), false);
    }

    /** Whether the request runs in open mode (no credentials). */
    static boolean open(Acting acting) {
        return ANONYMOUS.equals(acting.actor());
    }
}
