package dev.covenant.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CiEnvironmentTest {

    @Test
    void githubPullRequestUsesTheSourceBranchAndLinksTheRun() {
        CiEnvironment ci = CiEnvironment.detect(Map.of("GITHUB_ACTIONS", "true", "GITHUB_REF_NAME", "12/merge",
                "GITHUB_HEAD_REF", "feat/stock", "GITHUB_SHA", "a1b2c3", "GITHUB_SERVER_URL", "https://github.com",
                "GITHUB_REPOSITORY", "acme/inventory", "GITHUB_RUN_ID", "99"));

        assertThat(ci).isEqualTo(new CiEnvironment("github-actions", "feat/stock", "a1b2c3",
                "https://github.com/acme/inventory/actions/runs/99"));
    }

    @Test
    void githubPushUsesTheRefName() {
        CiEnvironment ci = CiEnvironment.detect(Map.of("GITHUB_ACTIONS", "true", "GITHUB_REF_NAME", "main",
                "GITHUB_HEAD_REF", "", "GITHUB_SHA", "a1b2c3"));

        assertThat(ci.branch()).isEqualTo("main");
        assertThat(ci.buildUrl()).isNull();
    }

    @Test
    void gitlabMergeRequestAndBranchPipelines() {
        assertThat(CiEnvironment.detect(Map.of("GITLAB_CI", "true", "CI_COMMIT_REF_NAME", "main",
                "CI_COMMIT_SHA", "f00", "CI_JOB_URL", "https://gitlab.example/j/1")))
                .isEqualTo(new CiEnvironment("gitlab-ci", "main", "f00", "https://gitlab.example/j/1"));
        assertThat(CiEnvironment.detect(Map.of("GITLAB_CI", "true", "CI_COMMIT_REF_NAME", "refs/merge-requests/3/head",
                "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "feat/x")).branch()).isEqualTo("feat/x");
    }

    @Test
    void jenkinsStripsTheRemoteFromGitBranch() {
        CiEnvironment ci = CiEnvironment.detect(Map.of("JENKINS_URL", "https://jenkins.example/",
                "GIT_BRANCH", "origin/release/2", "GIT_COMMIT", "c0ffee", "BUILD_URL", "https://jenkins.example/job/x/5/"));

        assertThat(ci).isEqualTo(new CiEnvironment("jenkins", "release/2", "c0ffee", "https://jenkins.example/job/x/5/"));
    }

    @Test
    void outsideCiNothingIsKnown() {
        assertThat(CiEnvironment.detect(Map.of("HOME", "/root")).inCi()).isFalse();
        assertThat(CiEnvironment.detect(Map.of("CI", "true")).inCi()).isTrue();
    }
}
