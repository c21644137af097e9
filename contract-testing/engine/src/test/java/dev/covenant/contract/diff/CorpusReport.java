package dev.covenant.contract.diff;

/** Prints every failing scorable case of the corpus with the problem of each failing field; a developer tool. */
final class CorpusReport {

    public static void main(String[] args) {
        int passed = 0;
        var cases = OasdiffCorpus.scorableCases();
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
