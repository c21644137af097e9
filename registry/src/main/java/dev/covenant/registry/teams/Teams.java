package dev.covenant.registry.teams;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.pacticipants.Application;
import dev.covenant.registry.pacticipants.ApplicationOwnership;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.system.Names;
import dev.covenant.registry.system.NotFoundException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bson.Document;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Teams and which applications they own. Ownership is the {@code team} field of the application (one owner
 * at most), so "whose is this application?" is one point lookup; the team document holds the team's own
 * attributes.
 */
@Service
public class Teams {

    private final MongoCollection<Document> teams;
    private final Pacticipants pacticipants;
    private final ApplicationOwnership ownership;
    private final Clock clock;

    Teams(MongoDatabase database, Pacticipants pacticipants, ApplicationOwnership ownership, Clock clock) {
        this.teams = database.getCollection("teams");
        this.pacticipants = pacticipants;
        this.ownership = ownership;
        this.clock = clock;
    }

    /**
     * Creates or replaces a team. Applications listed in the request are created if missing and assigned to
     * it; applications it owned before and no longer lists are left without a team.
     */
    public Mono<Team> save(String name, TeamRequest request) {
        Names.require("team", name);
        Date now = Date.from(clock.instant());
        Mono<Document> saved = Mono.from(teams.findOneAndUpdate(eq("_id", name),
                Updates.combine(Updates.setOnInsert("createdAt", now),
                        Updates.set("displayName", request.displayName()),
                        Updates.set("contacts", request.contacts().stream().map(Team.Contact::toDocument).toList()),
                        Updates.set("updatedAt", now)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)));
        return saved.flatMap(document -> applications(name)
                        .filter(owned -> !request.applications().contains(owned.name()))
                        .concatMap(dropped -> pacticipants.assignTeam(dropped.name(), null))
                        .thenMany(Flux.fromIterable(request.applications())
                                .concatMap(application -> pacticipants.assignTeam(application, name)))
                        .then(Mono.just(Team.from(document))));
    }

    public Mono<Team> team(String name) {
        return Mono.from(teams.find(eq("_id", name)).first()).map(Team::from);
    }

    public Mono<Team> requireTeam(String name) {
        return team(name).switchIfEmpty(Mono.error(() -> new NotFoundException("No team named '" + name + "'")));
    }

    public Flux<Team> teams() {
        return Flux.from(teams.find().sort(Sorts.ascending("_id"))).map(Team::from);
    }

    /** The applications a team owns, by name. */
    public Flux<Application> applications(String team) {
        return pacticipants.applications().filter(application -> Objects.equals(team, application.team()));
    }

    /** The owning team's name, or empty when the application has none (or does not exist): {@link ApplicationOwnership#ownerOf}. */
    public Mono<String> teamOf(String application) {
        return ownership.ownerOf(application);
    }

    /** Deletes the team; its applications stay, without an owner. */
    public Mono<Void> delete(String name) {
        return requireTeam(name)
                .thenMany(applications(name))
                .concatMap(application -> pacticipants.assignTeam(application.name(), null))
                .then(Mono.from(teams.deleteOne(eq("_id", name))))
                .then();
    }

    static List<String> names(List<Application> applications) {
        return applications.stream().map(Application::name).toList();
    }
}
