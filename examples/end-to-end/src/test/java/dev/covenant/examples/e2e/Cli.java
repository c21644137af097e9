package dev.covenant.examples.e2e;

import dev.covenant.cli.CovenantCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs covenant-cli commands in this JVM, exactly as {@code java -jar covenant-cli.jar} would, with a given environment. */
final class Cli {

    /** Exit code and output of one run. */
    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private Cli() {
    }

    /** Runs with {@code COVENANT_URL} = the registry, no CI variables, plus {@code extraEnv}. */
    static Run run(String registryUrl, Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("COVENANT_URL", registryUrl);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = CovenantCli.commandLine(env);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    static Run run(String registryUrl, String... args) {
        return run(registryUrl, Map.of(), args);
    }
}
