package dev.covenant.registry.retention;

import dev.covenant.registry.pacticipants.Version;
import java.util.Set;

/** What the keep rules ask about one version. */
record VersionFacts(Version version, String mainBranch, boolean latestOfApplication, Set<String> headOfBranches,
        Set<String> headOfTags, boolean deployed, boolean released, long ageInDays) {
}
