package dev.covenant.contract.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of oasdiff's corpus. A case listed in {@code known-gaps/openapi-diff.tsv} must still
 * fail, so that fixing it forces removing it from the list.
 */
class OasdiffConformanceTest {

    private static final Map<String, String> GAPS = OasdiffCorpus.knownGaps();

    @TestFactory
    Stream<DynamicTest> everyCaseReportsWhatOasdiffReports() {
        return OasdiffCorpus.cases().stream().map(testCase -> DynamicTest.dynamicTest(testCase.name(), () -> {
            OasdiffCorpus.Outcome outcome = OasdiffCorpus.run(testCase);
            if (GAPS.containsKey(testCase.name())) {
                assertThat(outcome.passed())
                        .as("%s is listed as a known gap (%s) but now passes: remove it from the list",
                                testCase.name(), GAPS.get(testCase.name()))
                        .isFalse();
            } else {
                assertThat(outcome.problem()).as(testCase.name()).isNull();
            }
        }));
    }

    @Test
    void atLeastNinetyPercentOfTheCorpusPasses() {
        List<OasdiffCorpus.Outcome> outcomes = OasdiffCorpus.cases().stream().map(OasdiffCorpus::run).toList();
        long passed = outcomes.stream().filter(OasdiffCorpus.Outcome::passed).count();
        double rate = (double) passed / outcomes.size();
        System.out.printf("oasdiff corpus: %d of %d cases pass (%.1f%%)%n", passed, outcomes.size(), rate * 100);
        assertThat(rate).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void everyKnownGapNamesARealCase() {
        List<String> names = OasdiffCorpus.cases().stream().map(OasdiffCorpus.Case::name).toList();
        assertThat(names).containsAll(GAPS.keySet());
    }
}
