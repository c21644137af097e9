package dev.covenant.registry.security;

import dev.covenant.registry.pacticipants.Application;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.system.ForbiddenException;
import dev.covenant.registry.teams.Teams;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Who may write for an application: in secured mode, admins for every application, publish tokens for their team's
 * applications only. An application without a team belongs to the first team that publishes for it. Write paths call
 * {@link #requirePublisher} once the request is known to be valid, before writing.
 */
@Service
public class Ownership {

    private final SecurityProperties properties;
    private final Pacticipants pacticipants;
    private final Teams teams;

    Ownership(SecurityProperties properties, Pacticipants pacticipants, Teams teams) {
        this.properties = properties;
        this.pacticipants = pacticipants;
        this.teams = teams;
    }

    /**
     * Completes when the current caller may publish for {@code application}, claiming it for the caller's team when
     * it has none (creating it if needed); errors with {@link ForbiddenException} when it belongs to another team.
     */
    public Mono<Void> requirePublisher(String application) {
        if (!properties.secured()) {
            return Mono.empty();
        }
        return caller().flatMap(caller -> requirePublisher(caller, application));
    }

    /** Completes when the current caller may assign applications to {@code team} (admins; publishers their own). */
    public Mono<Void> requireTeamMember(String team) {
        if (!properties.secured() || team == null) {
            return Mono.empty();
        }
        return caller().flatMap(caller -> caller.role() == Role.ADMIN || team.equals(caller.team()) ? Mono.<Void>empty()
                : Mono.error(new ForbiddenException("Token '" + caller.name() + "' publishes for team '" + caller.team()
                        + "' and cannot act for team '" + team + "'")));
    }

    /** The authenticated caller of this request ({@link Caller#ANONYMOUS} in open mode). */
    public Mono<Caller> caller() {
        if (!properties.secured()) {
            return Mono.just(Caller.ANONYMOUS);
        }
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(SecurityContext::getAuthentication)
                .map(Authentication::getPrincipal)
                .ofType(Caller.class)
                .switchIfEmpty(Mono.error(() -> new ForbiddenException("This request is not authenticated")));
    }

    /** Without claiming: whether {@code caller} may write for the application as it is now (for the request filter). */
    Mono<Boolean> mayWrite(Caller caller, String application) {
        if (caller.role() == Role.ADMIN) {
            return Mono.just(true);
        }
        if (caller.role() != Role.PUBLISH) {
            return Mono.just(false);
        }
        return teams.teamOf(application)
                .map(team -> team.equals(caller.team()))
                .defaultIfEmpty(true);
    }

    private Mono<Void> requirePublisher(Caller caller, String application) {
        if (caller.role() == Role.ADMIN) {
            return Mono.empty();
        }
        if (caller.role() != Role.PUBLISH) {
            return Mono.error(new ForbiddenException("Token '" + caller.name() + "' may only read"));
        }
        return teams.teamOf(application)
                .map(team -> team.equals(caller.team()))
                .defaultIfEmpty(true)
                .flatMap(allowed -> allowed ? pacticipants.claimApplication(application, caller.team())
                        : Mono.error(denied(caller, application)))
                .filter(claimed -> !caller.team().equals(claimed.team()))
                .flatMap(claimedByOther -> Mono.<Application>error(denied(caller, application)))
                .then();
    }

    private static ForbiddenException denied(Caller caller, String application) {
        return new ForbiddenException("Application '" + application + "' belongs to another team; token '"
                + caller.name() + "' publishes for team '" + caller.team() + "' only");
    }
}
