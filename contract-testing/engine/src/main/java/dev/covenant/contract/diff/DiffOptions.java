package dev.covenant.contract.diff;

import java.time.Clock;

/**
 * Policy knobs of a diff. Deprecation days play the part of oasdiff's {@code --deprecation-days-beta/-stable}:
 * above zero, deprecating an operation without an {@code x-sunset} at least that far away is breaking.
 *
 * @param deprecationDaysStable     minimum days between deprecating a stable operation and its sunset
 * @param deprecationDaysBeta       the same for beta operations
 * @param matchRenamedPathParameters treat {@code /a/{id}} and {@code /a/{x}} as the same path and match
 *                                  their path parameters by position
 * @param flattenCommonParameters   merge path-level parameters into each operation before comparing them
 * @param stabilityLevels           honour {@code x-stability-level}: removing draft/alpha operations is
 *                                  not breaking, and lowering the level is
 * @param clock                     today's date for sunset checks
 */
public record DiffOptions(
        int deprecationDaysStable,
        int deprecationDaysBeta,
        boolean matchRenamedPathParameters,
        boolean flattenCommonParameters,
        boolean stabilityLevels,
        Clock clock) {

    public DiffOptions {
        if (deprecationDaysStable < 0 || deprecationDaysBeta < 0) {
            throw new IllegalArgumentException("deprecation days must not be negative");
        }
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    /**
     * No minimum deprecation period (a registry cannot know a team's policy), renamed path parameters
     * matched, path-level parameters merged into operations, stability levels honoured.
     */
    public static DiffOptions defaults() {
        return new DiffOptions(0, 0, true, true, true, Clock.systemUTC());
    }

    public DiffOptions withDeprecationDays(int stable, int beta) {
        return new DiffOptions(stable, beta, matchRenamedPathParameters, flattenCommonParameters, stabilityLevels, clock);
    }

    public DiffOptions withFlattenCommonParameters(boolean flatten) {
        return new DiffOptions(deprecationDaysStable, deprecationDaysBeta, matchRenamedPathParameters, flatten,
                stabilityLevels, clock);
    }

    public DiffOptions withMatchRenamedPathParameters(boolean match) {
        return new DiffOptions(deprecationDaysStable, deprecationDaysBeta, match, flattenCommonParameters,
                stabilityLevels, clock);
    }

    public DiffOptions withClock(Clock clock) {
        return new DiffOptions(deprecationDaysStable, deprecationDaysBeta, matchRenamedPathParameters,
                flattenCommonParameters, stabilityLevels, clock);
    }
}
