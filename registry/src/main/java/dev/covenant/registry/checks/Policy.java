package dev.covenant.registry.checks;

import dev.covenant.contract.diff.CompatibilityLevel;
import dev.covenant.registry.system.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An application's compatibility policy: which changes to its documents count as violations, and whether a
 * violating publish is refused ({@code enforce}) or stored and flagged ({@code warn}).
 */
record Policy(Level level, Mode mode, Agreement agreement) {

    static final Policy DEFAULT = new Policy(Level.BACKWARD, Mode.WARN, Agreement.OFF);

    /** The levels a policy can name, as schema registries name them. */
    enum Level {
        NONE(CompatibilityLevel.NONE),
        BACKWARD(CompatibilityLevel.BACKWARD),
        FORWARD(CompatibilityLevel.FORWARD),
        FULL(CompatibilityLevel.FULL);

        private final CompatibilityLevel engine;

        Level(CompatibilityLevel engine) {
            this.engine = engine;
        }

        CompatibilityLevel engine() {
            return engine;
        }
    }

    enum Mode {
        WARN, ENFORCE;

        String stored() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Whether breaking changes must have been agreed through a proposal: {@code off}, {@code warn} (the report
     * flags unagreed breaking findings), {@code require} (refused with an enforced mode, else flagged and
     * can-i-deploy answers no).
     */
    enum Agreement {
        OFF, WARN, REQUIRE;

        String stored() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static Policy parse(String level, String mode) {
        return parse(level, mode, null);
    }

    static Policy parse(String level, String mode, String agreement) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Level parsedLevel = level == null ? DEFAULT.level() : enumValue(Level.class, level, "level", errors);
        Mode parsedMode = mode == null ? DEFAULT.mode() : enumValue(Mode.class, mode, "mode", errors);
        Agreement parsedAgreement = agreement == null ? DEFAULT.agreement()
                : enumValue(Agreement.class, agreement, "agreement", errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new Policy(parsedLevel, parsedMode, parsedAgreement);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field,
            Map<String, List<String>> errors) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = java.util.Arrays.stream(type.getEnumConstants())
                    .map(constant -> !field.equals("level") ? constant.name().toLowerCase(Locale.ROOT) : constant.name())
                    .toList();
            errors.put(field, List.of("must be one of " + String.join(", ", allowed) + "; got '" + value + "'"));
            return null;
        }
    }

    boolean enforced() {
        return mode == Mode.ENFORCE && level != Level.NONE;
    }

    /** Whether a breaking change nobody agreed to is refused at publish. */
    boolean agreementEnforced() {
        return mode == Mode.ENFORCE && agreement == Agreement.REQUIRE;
    }

    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("level", level.name());
        view.put("mode", mode.stored());
        view.put("agreement", agreement.stored());
        return view;
    }
}
