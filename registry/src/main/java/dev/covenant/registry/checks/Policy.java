package dev.covenant.registry.checks;

import dev.covenant.contract.diff.CompatibilityLevel;
import dev.covenant.registry.system.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An application's compatibility policy: which changes to its documents count as violations, whether a
 * violating publish is refused ({@code enforce}) or stored and flagged ({@code warn}), whether a cross-contract
 * check against its documents needs the provider's own verification of the document to count
 * ({@code selfVerification: required}), and whether a document with structural problems is refused
 * ({@code strict}) or stored with {@code document-invalid} warnings ({@code lenient}, the default:
 * docs/adr/0007-lenient-document-reading.md).
 */
record Policy(Level level, Mode mode, SelfVerification selfVerification, Validation validation) {

    static final Policy DEFAULT = new Policy(Level.BACKWARD, Mode.WARN, SelfVerification.OPTIONAL,
            Validation.LENIENT);

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

    /** Whether documents published without a self-verification still make cross-contract checks count. */
    enum SelfVerification {
        OPTIONAL, REQUIRED;

        String stored() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a publish does with a document that has structural problems (never with a safety-limit breach). */
    enum Validation {
        LENIENT, STRICT;

        String stored() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static Policy parse(String level, String mode, String selfVerification, String validation) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Level parsedLevel = level == null ? DEFAULT.level() : enumValue(Level.class, level, "level", errors);
        Mode parsedMode = mode == null ? DEFAULT.mode() : enumValue(Mode.class, mode, "mode", errors);
        SelfVerification parsedSelf = selfVerification == null ? DEFAULT.selfVerification()
                : enumValue(SelfVerification.class, selfVerification, "selfVerification", errors);
        Validation parsedValidation = validation == null ? DEFAULT.validation()
                : enumValue(Validation.class, validation, "validation", errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new Policy(parsedLevel, parsedMode, parsedSelf, parsedValidation);
    }

    boolean requiresSelfVerification() {
        return selfVerification == SelfVerification.REQUIRED;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field,
            Map<String, List<String>> errors) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = java.util.Arrays.stream(type.getEnumConstants())
                    .map(constant -> field.equals("level") ? constant.name() : constant.name().toLowerCase(Locale.ROOT))
                    .toList();
            errors.put(field, List.of("must be one of " + String.join(", ", allowed) + "; got '" + value + "'"));
            return null;
        }
    }

    boolean strict() {
        return validation == Validation.STRICT;
    }

    boolean enforced() {
        return mode == Mode.ENFORCE && level != Level.NONE;
    }

    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("level", level.name());
        view.put("mode", mode.stored());
        view.put("selfVerification", selfVerification.stored());
        view.put("validation", validation.stored());
        return view;
    }
}
