package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versioning policy of semantic versioning: a breaking change needs a major version increase of
 * {@code info.version} (below 1.0.0, a minor one). Three ways to miss it, named as oasdiff names them:
 * {@code api-version-not-bumped} (same version), {@code api-version-decreased}, {@code api-major-version-not-bumped}.
 * Reported only when some finding is ERR and both versions are semantic versions: a date or a bare {@code v1}
 * says nothing about what a major bump is. The ids are INFO in oasdiff's rules; a policy that wants them
 * enforced raises their level.
 *
 * <p>Hand-written rather than a semver library: only the three numbers are compared (pre-release and build
 * metadata are accepted and ignored), which is one regular expression.
 */
final class Versioning {

    private static final Pattern SEMVER = Pattern.compile(
            "^v?(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?$");

    private record Version(int major, int minor, int patch) implements Comparable<Version> {
        static Version parse(String text) {
            Matcher m = text == null ? null : SEMVER.matcher(text.trim());
            return m == null || !m.matches() ? null
                    : new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)));
        }

        @Override
        public int compareTo(Version other) {
            int major = Integer.compare(this.major, other.major);
            if (major != 0) {
                return major;
            }
            int minor = Integer.compare(this.minor, other.minor);
            return minor != 0 ? minor : Integer.compare(patch, other.patch);
        }

        boolean carriesBreakingChangesFrom(Version base) {
            return base.major == 0 && major == 0 ? minor > base.minor : major > base.major;
        }
    }

    private Versioning() {
    }

    static void check(DiffContext context) {
        if (!context.options().versioningPolicy()
                || context.sink().findings().stream().noneMatch(f -> f.level() == Level.ERR)) {
            return;
        }
        String fromText = version(context.base().root());
        String toText = version(context.revision().root());
        Version from = Version.parse(fromText);
        Version to = Version.parse(toText);
        if (from == null || to == null) {
            return;
        }
        String id;
        String message;
        if (fromText.equals(toText) || from.compareTo(to) == 0) {
            id = "api-version-not-bumped";
            message = "breaking changes without a new version: info.version is still " + toText;
        } else if (to.compareTo(from) < 0) {
            id = "api-version-decreased";
            message = "breaking changes while info.version went down from " + fromText + " to " + toText;
        } else if (!to.carriesBreakingChangesFrom(from)) {
            id = "api-major-version-not-bumped";
            message = "breaking changes need a major version: info.version went from " + fromText + " to " + toText;
        } else {
            return;
        }
        context.sink().add(id, null, "/info/version", "/info/version", message, Map.of("from", fromText, "to", toText));
    }

    private static String version(JsonNode root) {
        JsonNode version = root.path("info").path("version");
        return version.isValueNode() ? version.asText() : null;
    }
}
