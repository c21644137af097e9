package dev.covenant.cli;

import dev.covenant.client.RegistryException;
import dev.covenant.contract.openapi.InvalidDocumentException;
import dev.covenant.contract.pact.InvalidPactException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Covenant's command line for CI jobs: local checks, and publishing and gating against the registry. Exit codes: see README. */
@Command(name = "covenant", mixinStandardHelpOptions = true, version = "covenant 0.1.0",
        description = "API contract checks: diff OpenAPI documents, check pacts against a document, publish to the"
                + " registry, pre-merge check, can-i-deploy, record deployments, propose interfaces and wait for agreement.",
        subcommands = {DiffCommand.class, ChangelogCommand.class, CheckPactCommand.class, PublishOpenApiCommand.class,
                PublishPactsCommand.class, CheckCommand.class, CanIDeployCommand.class, RecordDeploymentCommand.class,
                CreateEnvironmentCommand.class, ProposeCommand.class, ProposalCommand.class, ReviewCommand.class,
                StubCommand.class,
                VerifyOpenApiCommand.class,
                CommandLine.HelpCommand.class})
public final class CovenantCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Inherited by every subcommand: {@code covenant check --verbose ...} sets this one field. */
    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print debug: lines on stderr (the registry used, each HTTP exchange, timings).")
    boolean verbose;

    /** Where a command writes its {@code debug:} lines: stderr with --verbose, nowhere without. */
    static java.util.function.Consumer<String> debug(CommandLine.Model.CommandSpec spec) {
        if (!(spec.root().userObject() instanceof CovenantCli root) || !root.verbose) {
            return line -> { };
        }
        PrintWriter err = spec.root().commandLine().getErr();
        return line -> {
            err.println("debug: " + line);
            err.flush();
        };
    }

    /** One line, the same everywhere it is said (RegistryCommand prints it once per run when the default is used). */
    static final String DEFAULT_URL_NOTE = "no --registry or COVENANT_URL: using the default registry "
            + RegistryCommand.DEFAULT_URL;

    public static void main(String[] args) {
        // the JSON Schema validator logs through SLF4J; a CLI without a logger must not print SLF4J's notice
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        System.exit(commandLine(DiffRunner.installed(), System.getenv()).execute(args));
    }

    /** The configured command line; tests pass their own diff runner and writers. */
    static CommandLine commandLine(DiffRunner diffRunner) {
        return commandLine(diffRunner, Map.of());
    }

    /**
     * The command line with the environment its registry commands read ({@code COVENANT_URL}, CI variables); for
     * tests and embedding, with {@link CommandLine#setOut}/{@link CommandLine#setErr} for the output.
     */
    public static CommandLine commandLine(Map<String, String> env) {
        return commandLine(DiffRunner.installed(), env);
    }

    static CommandLine commandLine(DiffRunner diffRunner, Map<String, String> env) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine commandLine = new CommandLine(new CovenantCli(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == DiffCommand.class) {
                    return type.cast(new DiffCommand(diffRunner));
                }
                K created = defaults.create(type);
                if (created instanceof RegistryCommand command) {
                    command.env = Map.copyOf(env);
                }
                return created;
            }
        });
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(CovenantCli::usageError);
        commandLine.setExecutionExceptionHandler(CovenantCli::failure);
        commandLine.setExecutionStrategy(parseResult -> {
            long start = System.nanoTime();
            CommandLine.ParseResult last = parseResult;
            while (last.hasSubcommand()) {
                last = last.subcommand();
            }
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } finally {
                debug(last.commandSpec()).accept(last.commandSpec().qualifiedName() + " ran for "
                        + (System.nanoTime() - start) / 1_000_000 + " ms");
            }
        });
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: diff, changelog, check-pact, publish-openapi, publish-pacts, check, can-i-deploy, record-deployment or create-environment");
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        CommandLine.Model.CommandSpec where = e.getCommandLine().getCommandSpec();
        // picocli reports a missing required option before an unknown one; a typo must be named as what it is
        String unknown = unknownOption(where.root(), args);
        err.println("covenant: " + (unknown != null ? "unknown option '" + unknown + "'" : Inputs.oneLine(e.getMessage())));
        err.println("Try '" + where.qualifiedName() + " --help' for usage.");
        err.flush();
        return CliException.USAGE;
    }

    /** The first argument that looks like an option none of the commands on its path knows, else null. */
    static String unknownOption(CommandLine.Model.CommandSpec root, String[] args) {
        CommandLine.Model.CommandSpec spec = root;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return null;
            }
            CommandLine sub = spec.subcommands().get(arg);
            if (sub != null) {
                spec = sub.getCommandSpec();
                continue;
            }
            if (!arg.startsWith("-") || arg.length() < 2 || Character.isDigit(arg.charAt(1))) {
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            CommandLine.Model.OptionSpec option = spec.findOption(name);
            if (option == null && !name.startsWith("--")) {
                option = shortCluster(spec, name);
            }
            if (option == null) {
                return name;
            }
            if (!arg.contains("=") && option.arity().min() > 0 && name.length() == arg.length()) {
                i++;
            }
        }
        return null;
    }

    /** {@code -hV}: a cluster of known short options is known; returns the last one (it may take the value). */
    private static CommandLine.Model.OptionSpec shortCluster(CommandLine.Model.CommandSpec spec, String name) {
        CommandLine.Model.OptionSpec last = null;
        for (char c : name.substring(1).toCharArray()) {
            last = spec.findOption("-" + c);
            if (last == null) {
                return null;
            }
            if (last.arity().min() > 0) {
                return last;
            }
        }
        return last;
    }

    /** Every failure is one line on stderr and a documented exit code; never a stack trace. */
    private static int failure(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        int code;
        String message;
        if (e instanceof CliException cli) {
            code = cli.exitCode();
            message = cli.getMessage();
        } else if (e instanceof RegistryException registry) {
            code = exitCode(registry);
            message = registry.getMessage();
        } else if (e instanceof InvalidDocumentException || e instanceof InvalidPactException) {
            code = CliException.INVALID_INPUT;
            message = e.getMessage();
        } else if (e instanceof UncheckedIOException) {
            code = CliException.IO;
            message = "I/O error: " + e.getMessage();
        } else {
            code = CliException.IO;
            message = "unexpected failure: " + (e.getMessage() == null ? "no detail" : e.getMessage());
        }
        PrintWriter err = commandLine.getErr();
        err.println("covenant: " + Inputs.oneLine(message));
        err.flush();
        return code;
    }

    private static int exitCode(RegistryException e) {
        return switch (e.kind()) {
            case INVALID -> CliException.INVALID_INPUT;
            case UNAUTHORIZED, NOT_FOUND, CONFLICT -> CliException.REFUSED;
            case UNREACHABLE, UNEXPECTED -> CliException.REGISTRY;
        };
    }
}
