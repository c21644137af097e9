package dev.covenant.contract.diff;

/** Prints every failing case of the corpus with its problem; a developer tool, not a test. */
final class CorpusReport {

    public static void main(String[] args) {
        int passed = 0;
        var cases = OasdiffCorpus.cases();
        for (var testCase : cases) {
            var outcome = OasdiffCorpus.run(testCase);
            if (outcome.passed()) {
                passed++;
            } else {
                System.out.println(testCase.name() + "\t" + outcome.problem());
            }
        }
        System.out.println(passed + " / " + cases.size());
    }
}
