package dev.covenant.cli;

import dev.covenant.client.CovenantClient;
import dev.covenant.client.Results.ProposalSummary;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which proposal a command means when it is given an application instead of a proposal id: the one proposal of the
 * application that fits (open and awaiting the reviewing team, open and the revising team's, the newest). None or
 * several is a usage error that names what there is, so the user can pass the id.
 */
final class ProposalChoice {

    private ProposalChoice() {
    }

    /** The id given, else the one proposal of {@code application} that {@code fits}, described by {@code what}. */
    static String resolve(CovenantClient client, String id, String application, Predicate<ProposalSummary> fits,
            String what) {
        if (id != null && !id.isBlank()) {
            return id;
        }
        if (application == null || application.isBlank()) {
            throw new CliException(CliException.USAGE, "name the proposal: its ID, or -a APPLICATION for " + what);
        }
        List<ProposalSummary> candidates = client.proposals(application, null).stream().filter(fits).toList();
        if (candidates.size() == 1) {
            return candidates.get(0).id();
        }
        if (candidates.isEmpty()) {
            throw new CliException(CliException.USAGE, "no proposal of " + application + " is " + what);
        }
        throw new CliException(CliException.USAGE, candidates.size() + " proposals of " + application + " are " + what
                + "; pass one's ID: " + candidates.stream()
                        .map(candidate -> candidate.id() + " (\"" + candidate.title() + "\", " + candidate.status() + ")")
                        .collect(Collectors.joining(", ")));
    }

    /** The newest proposal of {@code application} (the registry lists them newest first); a usage error when none. */
    static String newest(CovenantClient client, String id, String application) {
        if (id != null && !id.isBlank()) {
            return id;
        }
        if (application == null || application.isBlank()) {
            throw new CliException(CliException.USAGE, "name the proposal: its ID, or -a APPLICATION for its newest");
        }
        List<ProposalSummary> all = client.proposals(application, null);
        if (all.isEmpty()) {
            throw new CliException(CliException.USAGE, application + " has no proposal");
        }
        return all.get(0).id();
    }
}
