package dev.covenant.cli;

import dev.covenant.client.CovenantClient;
import dev.covenant.client.Results.Proposal;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code covenant review -a inventory --team orders --request-changes --comment "we show the name"}: a team's
 * decision on a proposal's current revision. Without an ID, the one open proposal of the application that awaits the
 * team is meant. Prints where the proposal stands afterwards; exit 0.
 */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Approve a proposal, or ask for changes, as a reviewing team. Exit 0.")
final class ReviewCommand extends RegistryCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID",
            description = "The proposal (default: the one open proposal of -a that awaits --team).")
    String id;

    @Option(names = {"-a", "--application"}, description = "The application whose open proposal is meant.")
    String application;

    @Option(names = "--team", required = true, description = "The reviewing team (with a token, the token's team).")
    String team;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Decision decision;

    @Option(names = "--comment", description = "Why (shown to the proposing team and in the proposal's history).")
    String comment;

    static final class Decision {
        @Option(names = "--approve", required = true, description = "Approve the current revision.")
        boolean approve;

        @Option(names = "--request-changes", required = true, description = "Ask for changes to the current revision.")
        boolean requestChanges;
    }

    @Override
    public Integer call() {
        CovenantClient client = client();
        String proposal = ProposalChoice.resolve(client, id, application,
                candidate -> candidate.open() && candidate.awaiting().contains(team),
                "open and awaiting team " + team);
        Proposal reviewed = client.review(proposal, team, decision.approve ? "approve" : "request-changes", comment);
        ProposeCommand.print(out(), reviewed);
        out().printf("Now %s%s%n", reviewed.status(), reviewed.awaiting().isEmpty() || !"open".equals(reviewed.status())
                ? "" : "; awaiting " + String.join(", ", reviewed.awaiting()));
        out().flush();
        return 0;
    }
}
