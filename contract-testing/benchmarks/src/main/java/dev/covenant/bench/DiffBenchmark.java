package dev.covenant.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.diff.DiffOptions;
import dev.covenant.contract.diff.DiffReport;
import dev.covenant.contract.diff.OpenApiDiff;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;

/**
 * Times one engine on one document pair in this JVM: {@code DiffBenchmark <engine> <base> <revision>
 * [warmups] [runs]}, engine one of {@code covenant} (bounded tree reads + diff), {@code covenant-validated}
 * (full validating load + diff) or {@code openapi-diff} (openapi-diff-core 2.1.7, parse included).
 * Prints one tab-separated line: engine, pair, median wall ms, min wall ms, median process CPU ms (all
 * threads, GC included: stable when other processes compete for the cores), peak heap MB (sum of the heap
 * pools' peaks, an upper bound), peak RSS MB, outcome. Run each engine in its own JVM so that peaks are its own.
 */
public final class DiffBenchmark {

    private static final long MB = 1024 * 1024;

    private DiffBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: DiffBenchmark covenant|covenant-validated|openapi-diff <base> <revision> [warmups] [runs]");
            System.exit(2);
        }
        String engine = args[0];
        Path base = Path.of(args[1]);
        Path revision = Path.of(args[2]);
        int warmups = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        String pair = base.getFileName() + " -> " + revision.getFileName();
        List<Long> times = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        String outcome = "";
        try {
            for (int i = 0; i < warmups + runs; i++) {
                long start = System.nanoTime();
                long cpuStart = processCpuNanos();
                outcome = run(engine, base, revision);
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                if (i >= warmups) {
                    times.add(elapsed);
                    cpu.add((processCpuNanos() - cpuStart) / 1_000_000);
                }
            }
        } catch (StackOverflowError e) {
            outcome = "StackOverflowError after " + times.size() + " timed runs";
        } catch (OutOfMemoryError e) {
            outcome = "OutOfMemoryError after " + times.size() + " timed runs";
        } catch (RuntimeException e) {
            outcome = "failed: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
        }
        Collections.sort(times);
        Collections.sort(cpu);
        String median = times.isEmpty() ? "-" : String.valueOf(times.get(times.size() / 2));
        String min = times.isEmpty() ? "-" : String.valueOf(times.get(0));
        String cpuMedian = cpu.isEmpty() ? "-" : String.valueOf(cpu.get(cpu.size() / 2));
        System.out.printf(Locale.ROOT, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%s%n", engine, pair, median, min, cpuMedian,
                peakHeapMb(), peakRssMb(), outcome);
    }

    private static String run(String engine, Path base, Path revision) throws IOException {
        return switch (engine) {
            case "covenant" -> covenant(readTree(base), readTree(revision));
            case "covenant-validated" -> covenant(
                    OpenApiDocuments.parse(Files.readAllBytes(base), DocumentLimits.DEFAULTS).tree(),
                    OpenApiDocuments.parse(Files.readAllBytes(revision), DocumentLimits.DEFAULTS).tree());
            case "openapi-diff" -> openApiDiff(base, revision);
            default -> throw new IllegalArgumentException("unknown engine " + engine);
        };
    }

    private static JsonNode readTree(Path file) throws IOException {
        return OpenApiDocuments.readTree(Files.readAllBytes(file), DocumentLimits.DEFAULTS);
    }

    private static String covenant(JsonNode base, JsonNode revision) {
        DiffReport report = OpenApiDiff.diff(base, revision, DiffOptions.defaults());
        return "findings " + report.counts();
    }

    private static String openApiDiff(Path base, Path revision) throws IOException {
        ChangedOpenApi changed = OpenApiCompare.fromContents(Files.readString(base), Files.readString(revision));
        return "changed=" + changed.isChanged().name() + " endpoints missing=" + changed.getMissingEndpoints().size()
                + " new=" + changed.getNewEndpoints().size() + " changed=" + changed.getChangedOperations().size();
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean bean ? bean.getProcessCpuTime() : 0;
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / MB;
    }

    /** Peak resident set size from /proc (Linux); -1 elsewhere. */
    private static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
