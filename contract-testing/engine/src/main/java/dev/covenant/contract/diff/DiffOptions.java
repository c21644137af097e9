package dev.covenant.contract.diff;

import java.time.Clock;
import java.util.Set;

/**
 * Policy knobs of a diff, the engine's counterparts of oasdiff's options.
 *
 * @param deprecationDaysStable      oasdiff's {@code --deprecation-days-stable}: above zero, deprecating a stable
 *                                   operation without an {@code x-sunset} at least that many days away is reported
 *                                   ({@code api-deprecated-sunset-missing}, {@code api-sunset-date-too-small})
 * @param deprecationDaysBeta        the same for beta operations ({@code --deprecation-days-beta}); draft and
 *                                   alpha operations need no deprecation period
 * @param matchRenamedPathParameters treat {@code /a/{id}} and {@code /a/{x}} as the same path and match their path
 *                                   parameters by position
 * @param flattenCommonParameters    merge path-level parameters into each operation before comparing them
 *                                   (oasdiff's {@code --flatten-params})
 * @param minimumStability           the lowest {@code x-stability-level} whose operations carry a compatibility
 *                                   promise (oasdiff's {@code stability level}; default beta): an operation below
 *                                   it may be removed or changed freely, only its stability and deprecation are
 *                                   reported
 * @param matchInlineRefs            an inline anyOf/oneOf member and an equivalent {@code $ref} are the same member
 *                                   (default); false counts them as one member removed and one added
 * @param matchRenamedRefs           anyOf/oneOf members that are references with different names and no reported
 *                                   change between them are the same member; off by default, as in oasdiff, where
 *                                   the name is the member's identity. A component renamed with its content
 *                                   unchanged (the old name gone, the new one new) is the same member either way
 * @param versioningPolicy           report a breaking change that {@code info.version} does not carry (same version,
 *                                   a lower one, or no major increase; see {@link Versioning}); off by default, as
 *                                   oasdiff's checker tests run without it, and on where a policy asks for it
 * @param attributes                 operation extensions ({@code x-…}) copied into each finding's details under
 *                                   {@code attributes}, as oasdiff's {@code --attributes} does
 * @param clock                      today's date for sunset checks
 */
public record DiffOptions(
        int deprecationDaysStable,
        int deprecationDaysBeta,
        boolean matchRenamedPathParameters,
        boolean flattenCommonParameters,
        Stability minimumStability,
        boolean matchInlineRefs,
        boolean matchRenamedRefs,
        boolean versioningPolicy,
        Set<String> attributes,
        Clock clock) {

    public DiffOptions {
        if (deprecationDaysStable < 0 || deprecationDaysBeta < 0) {
            throw new IllegalArgumentException("deprecation days must not be negative");
        }
        minimumStability = minimumStability == null ? Stability.BETA : minimumStability;
        attributes = attributes == null ? Set.of() : Set.copyOf(attributes);
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    /**
     * No minimum deprecation period (a registry cannot know a team's policy), renamed path parameters matched,
     * path-level parameters merged into operations, draft and alpha operations free to change, inline members
     * matched with equivalent references, references with other names not, no versioning policy, no attributes.
     */
    public static DiffOptions defaults() {
        return new DiffOptions(0, 0, true, true, Stability.BETA, true, false, false, Set.of(),
                Clock.systemUTC());
    }

    /** The minimum days between deprecation and sunset for an operation at this level. */
    public int deprecationDays(Stability stability) {
        return switch (stability) {
            case STABLE -> deprecationDaysStable;
            case BETA -> deprecationDaysBeta;
            case DRAFT, ALPHA -> 0;
        };
    }

    /** Whether changes to an operation at this level are judged (it is at or above the minimum). */
    public boolean promised(Stability stability) {
        return stability.compareTo(minimumStability) >= 0;
    }

    public DiffOptions withDeprecationDays(int stable, int beta) {
        return new DiffOptions(stable, beta, matchRenamedPathParameters, flattenCommonParameters, minimumStability,
                matchInlineRefs, matchRenamedRefs, versioningPolicy, attributes, clock);
    }

    public DiffOptions withFlattenCommonParameters(boolean flatten) {
        return new DiffOptions(deprecationDaysStable, deprecationDaysBeta, matchRenamedPathParameters, flatten,
                minimumStability, matchInlineRefs, matchRenamedRefs, versioningPolicy, attributes, clock);
    }

    public DiffOptions withMatchRenamedPathParameters(boolean match) {
        return new DiffOptions(deprecationDaysStable, deprecationDaysBeta, match, flattenCommonParameters,
                minimumStability, matchInlineRefs, matchRenamedRefs, versioningPolicy, attributes, clock);
    }

    public DiffOptions withMinimumStability(Stability minimum) {
        return new DiffOptions(deprecationDaysStable, deprecationDaysBeta, matchRenamedPathParameters,
                flattenCommonParameters, minimum, matchInlineRefs, matchRenamedRefs, versioningPolicy,
                attributes, clock);
    }

    public DiffOptions withMatchInlineRefs(boolean match) {
        return new DiffOptions(deprecationDaysStable, deprecationDaysBeta, matchRenamedPathParameters,
                flattenCommonParameters, minimumStability, match, matchRenamedRefs, versioningPolicy,
                attributes, clock);
    }

    public DiffOptions withMatchRenamedRefs(boolean match) {
        return new DiffOptions(deprecationDaysStable, deprecationDaysBeta, matchRenamedPathParameters,
                flattenCommonParameters, minimumStability, matchInlineRefs, match, versioningPolicy, attributes, clock);
    }

    public DiffOptions withVersioningPolicy(boolean check) {
        return new DiffOptions(deprecationDaysStable, deprecationDaysBeta, matchRenamedPathParameters,
                flattenCommonParameters, minimumStability, matchInlineRefs, matchRenamedRefs, check, attributes, clock);
    }

    public DiffOptions withAttributes(Set<String> extensions) {
        return new DiffOptions(deprecationDaysStable, deprecationDaysBeta, matchRenamedPathParameters,
                flattenCommonParameters, minimumStability, matchInlineRefs, matchRenamedRefs,
                versioningPolicy, extensions, clock);
    }

    public DiffOptions withClock(Clock clock) {
        return new DiffOptions(deprecationDaysStable, deprecationDaysBeta, matchRenamedPathParameters,
                flattenCommonParameters, minimumStability, matchInlineRefs, matchRenamedRefs,
                versioningPolicy, attributes, clock);
    }
}
