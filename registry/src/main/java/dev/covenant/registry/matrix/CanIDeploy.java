package dev.covenant.registry.matrix;

import dev.covenant.registry.matrix.MatrixQuery.Target;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The can-i-deploy question for other features (the UI), answered exactly as {@code GET /can-i-deploy} answers it. */
@Service
public class CanIDeploy {

    /**
     * One integration considered: a consumer version's pact with a provider version, and its verification.
     *
     * @param crossCheck true when the status comes from a cross-contract check, not a provider verification
     * @param reason     why a cross-contract check failed or does not count, or what its success rests on; or null
     */
    public record Row(String consumer, String consumerVersion, String provider, String providerVersion,
            String pactSha, String status, Instant verifiedAt, String buildUrl, boolean crossCheck, String reason) {
    }

    /**
     * The decision.
     *
     * @param deployable true, false, or null when a required verification is missing
     * @param warnings   what a yes rests on that a reader should know (e.g. a document without a self-verification)
     */
    public record Answer(Boolean deployable, List<String> reasons, List<Row> rows, List<String> warnings) {
    }

    private final MatrixService matrix;

    CanIDeploy(MatrixService matrix) {
        this.matrix = matrix;
    }

    /**
     * Whether the version can be deployed to the environment; without an environment, whether it works with the
     * latest versions of the applications it integrates with.
     */
    public Mono<Answer> check(String application, String version, String environment) {
        Target target = environment == null || environment.isBlank() ? Target.latest()
                : new Target(environment, null, false);
        return matrix.query(MatrixQuery.forVersion(application, version, target)).map(CanIDeploy::answer);
    }

    private static Answer answer(MatrixResult result) {
        return new Answer(result.deployable(), result.reasons(), result.rows().stream().map(CanIDeploy::row).toList(),
                result.warnings());
    }

    private static Row row(MatrixRow row) {
        return new Row(row.consumer(), row.consumerVersion().number(), row.provider(),
                row.providerVersion() == null ? null : row.providerVersion().number(), row.pact().sha(),
                row.status().name(), row.verification() == null ? null : row.verification().createdAt(),
                row.verification() == null ? null : row.verification().buildUrl(),
                CrossCheckVerifications.is(row.verification()), row.reason());
    }
}
