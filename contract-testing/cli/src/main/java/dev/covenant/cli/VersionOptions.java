package dev.covenant.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The version being published, as the publish commands share it: number, branch, tags and CI build link. */
final class VersionOptions {

    @Option(names = {"-v", "--version"}, description = "The version being published (default: the CI commit SHA).")
    String version;

    @Option(names = {"-b", "--branch"}, description = "The git branch (default: detected from CI variables).")
    String branch;

    @Option(names = {"-t", "--tag"}, description = "A tag for this version (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--build-url", description = "A link to the CI run (default: detected from CI variables).")
    String buildUrl;
}
