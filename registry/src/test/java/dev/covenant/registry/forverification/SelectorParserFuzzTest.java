package dev.covenant.registry.forverification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing (Jazzer) of the consumer version selector parser with any JSON value in place of the
 * selectors, biased to selector members and wrong types: it never throws, finishes within 60 s, and every selector
 * it is given becomes either a selector or one error message. The normal test run replays the inputs under
 * {@code SelectorParserFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes (docs/benchmarks/fuzz.sh).
 */
@Tag("fuzz")
class SelectorParserFuzzTest {

    /**
     * The time limit of one input, in fuzzing and in the regression run: more is a hang, reported with the input.
     * Generous, as the first input also pays for loading (and, when fuzzing, instrumenting) the code under test.
     */
    private static final Duration PER_INPUT = Duration.ofSeconds(60);

    private static final List<String> KEYS = List.of("mainBranch", "branch", "fallbackBranch", "matchingBranch", "tag",
            "latest", "fallbackTag", "consumer", "deployed", "released", "deployedOrReleased", "environment",
            "unknown", "");
    private static final List<String> STRINGS = List.of("", " ", "main", "prod", "order-service", "feat/x");

    @FuzzTest(maxDuration = "2m")
    void anySelectorsAreReadOrExplained(FuzzedDataProvider data) {
        assertTimeoutPreemptively(PER_INPUT, () -> readSelectors(data));
    }

    private static void readSelectors(FuzzedDataProvider data) {
        String providerBranch = switch (data.consumeInt(0, 2)) {
            case 0 -> null;
            case 1 -> data.pickValue(STRINGS);
            default -> data.consumeString(10);
        };
        Object raw = selectors(data);
        List<String> errors = new ArrayList<>();

        List<Selector> selectors = SelectorParser.parse(raw, providerBranch, errors);

        if (raw instanceof List<?> list) {
            assertThat(selectors.size() + errors.size()).as("%s", raw).isEqualTo(list.size());
        } else if (raw != null) {
            assertThat(errors).as("%s", raw).hasSize(1);
        }
        selectors.forEach(selector -> assertThat(selector.json()).isNotNull());
        errors.forEach(error -> assertThat(error).isNotBlank());
    }

    /** Mostly a list of selector-like maps; sometimes a scalar or a lone map in place of the list. */
    private static Object selectors(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 9)) {
            case 0 -> scalar(data);
            case 1 -> selector(data);
            default -> {
                List<Object> list = new ArrayList<>();
                for (int i = data.consumeInt(0, 6); i > 0 && data.remainingBytes() > 0; i--) {
                    int kind = data.consumeInt(0, 9);
                    list.add(kind == 0 ? scalar(data) : kind == 1 ? scalars(data) : selector(data));
                }
                yield list;
            }
        };
    }

    private static Map<String, Object> selector(FuzzedDataProvider data) {
        Map<String, Object> selector = new LinkedHashMap<>();
        for (int i = data.consumeInt(0, 5); i > 0 && data.remainingBytes() > 0; i--) {
            String key = data.consumeBoolean() ? data.pickValue(KEYS) : data.consumeString(6);
            selector.put(key, data.consumeInt(0, 4) == 0 ? scalars(data) : scalar(data));
        }
        return selector;
    }

    private static List<Object> scalars(FuzzedDataProvider data) {
        List<Object> list = new ArrayList<>();
        for (int i = data.consumeInt(0, 2); i > 0; i--) {
            list.add(scalar(data));
        }
        return list;
    }

    private static Object scalar(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 5)) {
            case 0 -> null;
            case 1 -> data.consumeBoolean();
            case 2 -> data.consumeInt();
            case 3 -> data.consumeDouble();
            case 4 -> data.pickValue(STRINGS);
            default -> data.consumeString(12);
        };
    }
}
