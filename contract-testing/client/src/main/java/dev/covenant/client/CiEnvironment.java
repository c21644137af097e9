package dev.covenant.client;

import java.util.Map;
import java.util.Optional;

/**
 * The branch, commit and build URL of the CI run, read from the variables GitHub Actions, GitLab CI and Jenkins
 * set; fields are null when unknown.
 *
 * @param system   "github-actions", "gitlab-ci", "jenkins", "ci" (only {@code CI=true}) or null outside CI
 * @param branch   the source branch (of the pull or merge request when there is one)
 * @param commit   the commit SHA
 * @param buildUrl a link to the CI run
 */
public record CiEnvironment(String system, String branch, String commit, String buildUrl) {

    /** Reads the current process's environment. */
    public static CiEnvironment detect() {
        return detect(System.getenv());
    }

    public static CiEnvironment detect(Map<String, String> env) {
        if ("true".equalsIgnoreCase(env.get("GITHUB_ACTIONS"))) {
            String buildUrl = all(env, "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID")
                    ? env.get("GITHUB_SERVER_URL") + "/" + env.get("GITHUB_REPOSITORY") + "/actions/runs/"
                            + env.get("GITHUB_RUN_ID")
                    : null;
            // on pull_request events GITHUB_REF_NAME is "123/merge"; the source branch is GITHUB_HEAD_REF
            return new CiEnvironment("github-actions", first(env, "GITHUB_HEAD_REF", "GITHUB_REF_NAME"),
                    first(env, "GITHUB_SHA"), buildUrl);
        }
        if ("true".equalsIgnoreCase(env.get("GITLAB_CI"))) {
            return new CiEnvironment("gitlab-ci", first(env, "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME",
                    "CI_COMMIT_BRANCH", "CI_COMMIT_REF_NAME"), first(env, "CI_COMMIT_SHA"), first(env, "CI_JOB_URL"));
        }
        if (present(env, "JENKINS_URL") || present(env, "JENKINS_HOME")) {
            // multibranch pipelines set BRANCH_NAME (CHANGE_BRANCH for pull requests); the git plugin GIT_BRANCH
            String branch = first(env, "CHANGE_BRANCH", "BRANCH_NAME", "GIT_LOCAL_BRANCH", "GIT_BRANCH");
            if (branch != null && branch.startsWith("origin/")) {
                branch = branch.substring("origin/".length());
            }
            return new CiEnvironment("jenkins", branch, first(env, "GIT_COMMIT"), first(env, "BUILD_URL"));
        }
        if ("true".equalsIgnoreCase(env.get("CI"))) {
            return new CiEnvironment("ci", null, null, null);
        }
        return new CiEnvironment(null, null, null, null);
    }

    /** True inside a CI job (one of the systems above, or any that sets {@code CI=true}). */
    public boolean inCi() {
        return system != null;
    }

    public Optional<String> branchOpt() {
        return Optional.ofNullable(branch);
    }

    private static boolean all(Map<String, String> env, String... names) {
        for (String name : names) {
            if (!present(env, name)) {
                return false;
            }
        }
        return true;
    }

    private static String first(Map<String, String> env, String... names) {
        for (String name : names) {
            if (present(env, name)) {
                return env.get(name).strip();
            }
        }
        return null;
    }

    private static boolean present(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }
}
