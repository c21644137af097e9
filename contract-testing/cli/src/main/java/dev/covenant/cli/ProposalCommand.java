package dev.covenant.cli;

import dev.covenant.client.CovenantClient;
import dev.covenant.client.Results.Proposal;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code covenant proposal <id> --wait-agreed --wait-timeout 30m} (or {@code -a <application>} for its newest
 * proposal): where a proposal stands; with {@code --wait-agreed},
 * polls until it is agreed (exit 0), withdrawn or the timeout passes (exit 1), for a CI step that waits for
 * agreement.
 */
@Command(name = "proposal", mixinStandardHelpOptions = true,
        description = "Show a proposal; with --wait-agreed wait until it is agreed (exit 0) or withdrawn or timed out (exit 1).")
final class ProposalCommand extends RegistryCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID",
            description = "The proposal's id (default: the newest proposal of -a).")
    String id;

    @Option(names = {"-a", "--application"}, description = "The application whose newest proposal is meant.")
    String application;

    @Option(names = "--wait-agreed", description = "Wait until the proposal is agreed.")
    boolean waitAgreed;

    // --timeout is every registry command's request timeout (seconds), so the wait has its own option.
    @Option(names = "--wait-timeout", defaultValue = "30m", converter = DurationConverter.class,
            description = "How long to wait with --wait-agreed, e.g. 90s, 30m, 2h (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--poll-interval", defaultValue = "10s", converter = DurationConverter.class,
            description = "How often to ask while waiting (default: ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Override
    public Integer call() throws InterruptedException {
        CovenantClient client = client();
        String id = ProposalChoice.newest(client, this.id, application);
        Proposal proposal = client.proposal(id);
        Instant deadline = Instant.now().plus(timeout);
        while (waitAgreed && !proposal.agreed() && !proposal.withdrawn() && Instant.now().isBefore(deadline)) {
            Thread.sleep(Math.max(1, Math.min(pollInterval.toMillis(), Duration.between(Instant.now(), deadline).toMillis())));
            proposal = client.proposal(id);
        }
        out().printf("Proposal %s for %s: %s (revision %d)%s%n", proposal.id(), proposal.application(),
                proposal.status(), proposal.revision(), proposal.awaiting().isEmpty() || !"open".equals(proposal.status())
                        ? "" : "; awaiting " + String.join(", ", proposal.awaiting()));
        if (proposal.url() != null) {
            out().printf("  %s%n", proposal.url());
        }
        boolean timedOut = waitAgreed && !proposal.agreed() && !proposal.withdrawn();
        if (timedOut) {
            out().printf("Not agreed within %s%n", timeout);
        }
        out().flush();
        if (proposal.agreed()) {
            return 0;
        }
        return proposal.withdrawn() || timedOut ? CliException.FINDINGS : 0;
    }

    /** {@code 90s}, {@code 30m}, {@code 2h}, or an ISO-8601 duration ({@code PT30M}). */
    static final class DurationConverter implements ITypeConverter<Duration> {

        @Override
        public Duration convert(String value) {
            String text = value.strip().toLowerCase(Locale.ROOT);
            try {
                if (text.startsWith("pt")) {
                    return Duration.parse(text.toUpperCase(Locale.ROOT));
                }
                long amount = Long.parseLong(text.substring(0, text.length() - 1));
                return switch (text.charAt(text.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> throw new IllegalArgumentException();
                };
            } catch (RuntimeException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a duration; use e.g. 90s, 30m or 2h");
            }
        }
    }
}
