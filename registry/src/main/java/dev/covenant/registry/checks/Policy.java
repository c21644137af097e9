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
 * docs/adr/0007-lenient-document-reading.md), and whether breaking changes must have been agreed through a proposal
 * ({@code agreement}).
 */
record Policy(Level level, Mode mode, SelfVerification selfVerification, Validation validation, Agreement agreement) {

    static final Policy DEFAULT = new Policy(Level.BACKWARD, Mode.WARN, SelfVerification.OPTIONAL,
            Validation.LENIENT, Agreement.OFF);

    /**
     * The levels a policy can name, as schema registries (Confluent, Apicurio) name them: the transitive ones judge
     * a document against every earlier document on its branch, the others against the one it replaces.
     */
    enum Level {
        NONE(CompatibilityLevel.NONE),
        BACKWARD(CompatibilityLevel.BACKWARD),
        BACKWARD_TRANSITIVE(CompatibilityLevel.BACKWARD_TRANSITIVE),
        FORWARD(CompatibilityLevel.FORWARD),
        FORWARD_TRANSITIVE(CompatibilityLevel.FORWARD_TRANSITIVE),
        FULL(CompatibilityLevel.FULL),
        FULL_TRANSITIVE(CompatibilityLevel.FULL_TRANSITIVE);

        private final CompatibilityLevel engine;

        Level(CompatibilityLevel engine) {
            this.engine = engine;
        }

        CompatibilityLevel engine() {
            return engine;
        }

        boolean transitive() {
            return engine.transitive();
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

    /** What a publish does with a document that has structural problems (never with a safety-limit breach). */
    enum Validation {
        LENIENT, STRICT;

        String stored() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The policy's fields as given (a request body or a stored document); null fields take the defaults. */
    record Settings(String level, String mode, String selfVerification, String validation, String agreement) {
    }

    static Policy parse(Settings settings) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Level parsedLevel = settings.level() == null ? DEFAULT.level()
                : enumValue(Level.class, settings.level(), "level", errors);
        Mode parsedMode = settings.mode() == null ? DEFAULT.mode()
                : enumValue(Mode.class, settings.mode(), "mode", errors);
        SelfVerification parsedSelf = settings.selfVerification() == null ? DEFAULT.selfVerification()
                : enumValue(SelfVerification.class, settings.selfVerification(), "selfVerification", errors);
        Validation parsedValidation = settings.validation() == null ? DEFAULT.validation()
                : enumValue(Validation.class, settings.validation(), "validation", errors);
        Agreement parsedAgreement = settings.agreement() == null ? DEFAULT.agreement()
                : enumValue(Agreement.class, settings.agreement(), "agreement", errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new Policy(parsedLevel, parsedMode, parsedSelf, parsedValidation, parsedAgreement);
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

    /** Whether a breaking change nobody agreed to is refused at publish. */
    boolean agreementEnforced() {
        return mode == Mode.ENFORCE && agreement == Agreement.REQUIRE;
    }

    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("level", level.name());
        view.put("mode", mode.stored());
        view.put("selfVerification", selfVerification.stored());
        view.put("validation", validation.stored());
        view.put("agreement", agreement.stored());
        return view;
    }
}
