package dev.covenant.registry.pacticipants;

import dev.covenant.registry.security.ApplicationOwners;
import dev.covenant.registry.security.Caller;
import dev.covenant.registry.security.Callers;
import dev.covenant.registry.security.Role;
import dev.covenant.registry.system.ForbiddenException;
import dev.covenant.registry.system.Names;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Which team owns an application, and who may write for it. An application belongs to at most one team (its
 * {@code team} field); one without a team belongs to the first team that writes for it. Admins write for every
 * application, publish tokens for their team's and unowned ones, read tokens for none; in open mode every caller is
 * an admin.
 *
 * <p>Write paths call this after the request is known to be valid and before their first write, so a refused request
 * creates and claims nothing: {@link #requireCallerMayWrite} for the caller of the request, or
 * {@link #requireTeamMayWrite} when a feature acts for a team it already knows (a proposal's author, say).
 */
@Service
public class ApplicationOwnership implements ApplicationOwners {

    private final Pacticipants pacticipants;
    private final Callers callers;

    ApplicationOwnership(Pacticipants pacticipants, Callers callers) {
        this.pacticipants = pacticipants;
        this.callers = callers;
    }

    /** The team that owns {@code application}; empty when it has none or does not exist. Never writes. */
    @Override
    public Mono<String> ownerOf(String application) {
        return pacticipants.application(application).mapNotNull(Application::team);
    }

    /**
     * May {@code team} write for {@code application}? Completes when the application is the team's, or nobody's, in
     * which case it is claimed for the team (and created if it does not exist); errors with {@link ForbiddenException}
     * (writing nothing) when another team owns it, with an {@code InvalidRequestException} when either name is not a
     * valid name. Idempotent; of two teams claiming at once, one wins and the other is refused.
     */
    public Mono<Void> requireTeamMayWrite(String team, String application) {
        return Mono.fromRunnable(() -> validate(team, application))
                .then(ownerOf(application))
                .map(owner -> owner.equals(team))
                .defaultIfEmpty(true)
                .flatMap(allowed -> allowed ? pacticipants.claimApplication(application, team)
                        : Mono.error(ownedByAnother(team, application)))
                .filter(claimed -> !team.equals(claimed.team()))
                .flatMap(claimedByOther -> Mono.<Application>error(ownedByAnother(team, application)))
                .then();
    }

    /**
     * May the caller of this request write for {@code application}? Admins may (nothing is claimed); a publish token
     * as {@link #requireTeamMayWrite} for its team; a read token never ({@link ForbiddenException}).
     */
    public Mono<Void> requireCallerMayWrite(String application) {
        return callers.current().flatMap(caller -> requireMayWrite(caller, application));
    }

    /** May the caller of this request assign applications to {@code team}? Admins any team, publishers their own. */
    public Mono<Void> requireCallerMayAssign(String team) {
        if (team == null) {
            return Mono.empty();
        }
        return callers.current().flatMap(caller -> caller.role() == Role.ADMIN || team.equals(caller.team())
                ? Mono.<Void>empty()
                : Mono.error(new ForbiddenException("Token '" + caller.name() + "' publishes for team '"
                        + caller.team() + "' and cannot act for team '" + team + "'")));
    }

    private Mono<Void> requireMayWrite(Caller caller, String application) {
        if (caller.role() == Role.ADMIN) {
            return Mono.empty();
        }
        if (caller.role() != Role.PUBLISH) {
            return Mono.error(new ForbiddenException("Token '" + caller.name() + "' may only read"));
        }
        return requireTeamMayWrite(caller.team(), application)
                .onErrorMap(OwnedByAnother.class, refused -> new ForbiddenException("Application '" + application
                        + "' belongs to another team; token '" + caller.name() + "' publishes for team '"
                        + caller.team() + "' only"));
    }

    private static void validate(String team, String application) {
        Names.require("team", team);
        Names.require("application", application);
    }

    private static ForbiddenException ownedByAnother(String team, String application) {
        return new OwnedByAnother("Application '" + application + "' belongs to another team; team '" + team
                + "' may not write for it");
    }

    /** Refused because another team owns the application (reworded for a token by {@link #requireMayWrite}). */
    private static final class OwnedByAnother extends ForbiddenException {
        OwnedByAnother(String message) {
            super(message);
        }
    }
}
