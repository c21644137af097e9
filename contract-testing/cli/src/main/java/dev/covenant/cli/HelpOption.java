package dev.covenant.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} for the commands that take {@code -v/--version} as the version to publish or check: picocli's
 * standard help options would add {@code --version} (print the CLI's version) too, and clash with it.
 */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
