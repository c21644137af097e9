package dev.covenant.registry.forverification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based fuzzing of the consumer version selector parser with any JSON value in place of the selectors:
 * it never throws, and every selector it is given becomes either a selector or one error message.
 * Tries: {@code -Dfuzz.tries}.
 */
class SelectorParserFuzzTest {

    private static final List<String> KEYS = List.of("mainBranch", "branch", "fallbackBranch", "matchingBranch", "tag",
            "latest", "fallbackTag", "consumer", "deployed", "released", "deployedOrReleased", "environment",
            "unknown", "");

    @Property
    void anySelectorsAreReadOrExplained(@ForAll("selectors") Object raw, @ForAll("branches") String providerBranch) {
        List<String> errors = new ArrayList<>();

        List<Selector> selectors = SelectorParser.parse(raw, providerBranch, errors);

        if (raw instanceof List<?> list) {
            assertThat(selectors.size() + errors.size()).isEqualTo(list.size());
        } else if (raw != null) {
            assertThat(errors).hasSize(1);
        }
        selectors.forEach(selector -> assertThat(selector.json()).isNotNull());
        errors.forEach(error -> assertThat(error).isNotBlank());
    }

    @Provide
    Arbitrary<String> branches() {
        return Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.of("main", "", " ", "feat/x"),
                Arbitraries.strings().ofMaxLength(10));
    }

    @Provide
    Arbitrary<Object> selectors() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.just(null), Arbitraries.of(true, false), Arbitraries.integers(),
                Arbitraries.doubles(), Arbitraries.of("", " ", "main", "prod", "order-service"),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<Object> selector = Arbitraries.maps(Arbitraries.oneOf(Arbitraries.of(KEYS),
                        Arbitraries.strings().ofMaxLength(6)), Arbitraries.oneOf(scalar, scalar.list().ofMaxSize(2)
                        .map(Object.class::cast)))
                .ofMaxSize(5)
                .map(Object.class::cast);
        Arbitrary<Object> entry = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, selector),
                net.jqwik.api.Tuple.of(1, scalar),
                net.jqwik.api.Tuple.of(1, scalar.list().ofMaxSize(2).map(Object.class::cast)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, entry.list().ofMaxSize(6).map(Object.class::cast)),
                net.jqwik.api.Tuple.of(1, scalar),
                net.jqwik.api.Tuple.of(1, selector.map(Map.class::cast).map(Object.class::cast)));
    }
}
