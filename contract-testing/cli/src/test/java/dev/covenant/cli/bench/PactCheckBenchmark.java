package dev.covenant.cli.bench;

import dev.covenant.contract.check.CheckOptions;
import dev.covenant.contract.check.CheckReport;
import dev.covenant.contract.check.PactChecker;
import dev.covenant.contract.check.PactFinding;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.openapi.ParsedDocument;
import dev.covenant.contract.pact.Pact;
import dev.covenant.contract.pact.Pacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Times {@link PactChecker} on one document and one pact (see docs/benchmarks/pact-check.sh): the document
 * load, a cold check, then warm checks with a new checker each time (schemas recompiled, as when a new document
 * version arrives) and with a reused checker (schemas cached, as when more pacts arrive for one document).
 * Prints one JSON line. Usage: {@code PactCheckBenchmark <openapi.json> <pact.json> [warmRuns]}
 */
public final class PactCheckBenchmark {

    private PactCheckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        long start = System.nanoTime();
        ParsedDocument document = OpenApiDocuments.parse(Files.readAllBytes(Path.of(args[0])), DocumentLimits.DEFAULTS);
        long parseMs = millisSince(start);
        Pact pact = Pacts.parse(OpenApiDocuments.readTree(Files.readAllBytes(Path.of(args[1])), DocumentLimits.DEFAULTS));

        start = System.nanoTime();
        CheckReport cold = PactChecker.check(document, pact, CheckOptions.comparatorCompatible());
        long coldMs = millisSince(start);

        List<Long> fresh = new ArrayList<>();
        List<Long> freshCpu = new ArrayList<>();
        List<Long> reused = new ArrayList<>();
        List<Long> reusedCpu = new ArrayList<>();
        PactChecker checker = PactChecker.forDocument(document.tree(), CheckOptions.comparatorCompatible());
        checker.check(pact);
        for (int i = 0; i < runs; i++) {
            long cpu = cpuNanos();
            start = System.nanoTime();
            PactChecker.check(document, pact, CheckOptions.comparatorCompatible());
            fresh.add(millisSince(start));
            freshCpu.add((cpuNanos() - cpu) / 1_000_000);
            cpu = cpuNanos();
            start = System.nanoTime();
            checker.check(pact);
            reused.add(millisSince(start));
            reusedCpu.add((cpuNanos() - cpu) / 1_000_000);
        }
        Collections.sort(fresh);
        Collections.sort(freshCpu);
        Collections.sort(reused);
        Collections.sort(reusedCpu);
        Map<String, Integer> codes = new TreeMap<>();
        for (PactFinding finding : cold.findings()) {
            codes.merge(finding.code() + "/" + finding.type().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
        }
        System.out.printf("{\"tool\":\"covenant PactChecker\",\"java\":\"%s\",\"documentLoadMs\":%d,\"coldMs\":%d,"
                        + "\"warmNewCheckerMedianMs\":%d,\"warmNewCheckerMinMs\":%d,\"warmNewCheckerMedianCpuMs\":%d,"
                        + "\"warmReusedCheckerMedianMs\":%d,\"warmReusedCheckerMinMs\":%d,\"warmReusedCheckerMedianCpuMs\":%d,"
                        + "\"interactions\":%d,\"findings\":%s}%n",
                System.getProperty("java.version"), parseMs, coldMs, median(fresh), fresh.get(0), median(freshCpu),
                median(reused), reused.get(0), median(reusedCpu), pact.interactions().size(), json(codes));
    }

    private static long median(List<Long> sorted) {
        return sorted.get(sorted.size() / 2);
    }

    /** CPU time of the whole process (checking, GC and JIT threads), comparable to Node's process.cpuUsage(). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String json(Map<String, Integer> codes) {
        StringBuilder out = new StringBuilder("{");
        codes.forEach((code, count) -> out.append(out.length() > 1 ? "," : "").append('"').append(code).append("\":").append(count));
        return out.append('}').toString();
    }
}
