package dev.covenant.registry.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says at start-up which settings of earlier releases are set but no longer read: the engine's limits and resources
 * moved under {@code covenant.engine.*} (ADR 0013), and an old key left in a deployment would otherwise be ignored
 * without a word (a raised document limit silently back at its default).
 */
@Component
class RenamedSettings {

    private static final Logger LOG = LoggerFactory.getLogger(RenamedSettings.class);

    static final Map<String, String> RENAMED = renamed();

    private final List<String> warnings;

    RenamedSettings(Environment environment) {
        this.warnings = warnings(environment);
        warnings.forEach(LOG::warn);
    }

    private static Map<String, String> renamed() {
        Map<String, String> renamed = new LinkedHashMap<>();
        renamed.put("covenant.specs.max-document-bytes", "covenant.engine.max-document-bytes");
        renamed.put("covenant.specs.max-nesting-depth", "covenant.engine.max-nesting-depth");
        renamed.put("covenant.specs.max-yaml-aliases", "covenant.engine.max-yaml-aliases");
        renamed.put("covenant.pacts.max-pact-bytes", "covenant.engine.max-pact-bytes");
        renamed.put("covenant.checks.document-cache-bytes", "covenant.engine.document-cache-bytes");
        renamed.put("covenant.checks.concurrency", "covenant.engine.concurrency");
        return Map.copyOf(renamed);
    }

    /** One line per old setting found (as a property or its environment variable), naming the one to use. */
    static List<String> warnings(Environment environment) {
        return RENAMED.entrySet().stream()
                .filter(entry -> environment.containsProperty(entry.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> "Setting " + entry.getKey() + " is no longer read and has no effect: set "
                        + entry.getValue() + " instead (value now " + environment.getProperty(entry.getValue(),
                                "its default") + ")")
                .toList();
    }

    List<String> warnings() {
        return warnings;
    }
}
