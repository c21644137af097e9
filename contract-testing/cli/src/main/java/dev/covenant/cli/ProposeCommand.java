package dev.covenant.cli;

import dev.covenant.client.CovenantClient;
import dev.covenant.client.Results.ConsumerImpact;
import dev.covenant.client.Results.ImpactFailure;
import dev.covenant.client.Results.Proposal;
import dev.covenant.client.Results.ProposalReviewer;
import dev.covenant.client.Results.ProposedFinding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code covenant propose api.yaml -a inventory --title "Drop quantity" --reviewer orders}: puts a document to the
 * teams it concerns; prints the proposal's URL, its findings (breaking first) and who must review it. With
 * {@code --revise}, the document is the next revision of the application's open proposal instead.
 */
@Command(name = "propose", mixinStandardHelpOptions = true,
        description = "Propose an OpenAPI document for an application; the teams it concerns review it. Exit 0.")
final class ProposeCommand extends RegistryCommand {

    @Parameters(index = "0", paramLabel = "DOCUMENT", description = "The proposed OpenAPI document (YAML or JSON).")
    Path document;

    @Option(names = {"-a", "--application"}, required = true, description = "The application it is for.")
    String application;

    @Option(names = "--title", description = "What the proposal is about (default: the document's file name).")
    String title;

    @Option(names = "--base-version", description = "The published version it changes (default: the main branch's latest).")
    String baseVersion;

    @Option(names = "--team", description = "The proposing team (open mode; with a token, the token's team).")
    String team;

    @Option(names = "--reviewer", paramLabel = "TEAM", description = "A team that must review it (repeatable).")
    List<String> reviewers = new ArrayList<>();

    @Option(names = "--idempotency-key", description = "Makes a retried call return the same proposal.")
    String idempotencyKey;

    @Option(names = "--revise", description = "Put the document as a new revision of the application's open proposal"
            + " (the one the team opened, or --proposal) instead of opening one; its reviewers are asked again.")
    boolean revise;

    @Option(names = "--proposal", paramLabel = "ID", description = "With --revise: the proposal to revise.")
    String proposalId;

    @Override
    public Integer call() {
        byte[] content = readDocument(document);
        if (proposalId != null && !revise) {
            throw new CliException(CliException.USAGE, "--proposal names the proposal to revise; add --revise");
        }
        CovenantClient client = client();
        Proposal proposal;
        if (revise) {
            String id = ProposalChoice.resolve(client, proposalId, application,
                    candidate -> candidate.open() && (team == null || team.equals(candidate.team())),
                    "open" + (team == null ? "" : " and opened by team " + team));
            proposal = client.revise(id, content);
        } else {
            String resolvedTitle = firstNonBlank(title, document.getFileName().toString());
            proposal = client.propose(application, resolvedTitle, content, baseVersion, team, reviewers, idempotencyKey);
        }
        print(out(), proposal);
        out().flush();
        return 0;
    }

    /** The proposal as it stands: findings (breaking first), the consumers it breaks, and its reviewers. */
    static void print(java.io.PrintWriter out, Proposal proposal) {
        out.printf("Proposal %s for %s (revision %d, %s): %s%n", proposal.id(), proposal.application(),
                proposal.revision(), proposal.status(), proposal.url());
        long breaking = proposal.findings().stream().filter(f -> "ERR".equals(f.level())).count();
        out.printf("%d finding(s), %d breaking%n", proposal.findings().size(), breaking);
        for (ProposedFinding finding : proposal.findings()) {
            out.printf("  %-4s %s %s: %s [%s]%n", finding.level(), finding.ruleId(),
                    finding.operation() == null ? "-" : finding.operation(), finding.message(), finding.fingerprint());
        }
        for (ConsumerImpact impact : proposal.impact()) {
            out.printf("Breaks %s %s (team %s):%n", impact.consumer(), impact.consumerVersion(),
                    impact.team() == null ? "none" : impact.team());
            for (ImpactFailure failure : impact.failures()) {
                out.printf("  %s%s: %s [%s]%n", failure.operation(),
                        failure.field() == null ? "" : " field " + failure.field(), failure.interaction(),
                        failure.ruleId() == null ? failure.code() : failure.ruleId());
            }
        }
        for (ProposalReviewer reviewer : proposal.reviewers()) {
            out.printf("Reviewer %s: %s, %s%n", reviewer.team(), reviewer.required() ? "required" : "informed",
                    reviewer.decision());
        }
    }
}
