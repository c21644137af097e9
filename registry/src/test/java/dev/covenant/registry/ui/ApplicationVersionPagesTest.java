package dev.covenant.registry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import dev.covenant.registry.storage.ReadCounter;
import dev.covenant.registry.storage.ReadCounting;
import dev.covenant.registry.ui.view.ApplicationView;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The application page lists its versions a page at a time, newest first, and reads only the versions it shows
 * (issue 16: an application with 3,167 versions took seconds because the page read them all).
 */
@Import(ReadCounting.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplicationVersionPagesTest extends RegistryTest {

    private static final int VERSIONS = 130;
    private static final Pattern OLDER = Pattern.compile("id=\"older-versions\" rel=\"next\"\\s+href=\"([^\"]+)\"");

    @Autowired
    ReadCounter reads;

    private final String app = unique("paged");

    @BeforeAll
    void seed() {
        connect();
        for (int n = 1; n <= VERSIONS; n++) {
            http.put().uri("/pacticipants/{a}/branches/main/versions/{v}", app, version(n)).exchange()
                    .expectStatus().is2xxSuccessful();
        }
        for (int n = 1; n <= 25; n++) {
            http.put().uri("/pacticipants/{a}/branches/f-{n}/versions/{v}", app, n, version(n)).exchange()
                    .expectStatus().is2xxSuccessful();
        }
        for (int n : List.of(3, 100)) {
            http.put().uri("/pacticipants/{a}/versions/{v}/tags/prod", app, version(n)).exchange()
                    .expectStatus().is2xxSuccessful();
        }
        http.put().uri("/applications/{a}/versions/{v}/openapi", app, version(120))
                .contentType(MediaType.parseMediaType("application/yaml"))
                .bodyValue("openapi: 3.0.3\ninfo: {title: paged, version: '1'}\npaths: {}\n")
                .exchange().expectStatus().isCreated();
    }

    private void connect() {
        http = org.springframework.test.web.reactive.server.WebTestClient.bindToServer().baseUrl(baseUrl())
                .responseTimeout(java.time.Duration.ofSeconds(60)).build();
    }

    private static String version(int n) {
        return "1.0." + n;
    }

    private String page(String uri) {
        return http.get().uri(uri).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** The version numbers in the page's versions table, in page order. */
    private static List<String> versionRows(String html) {
        Matcher row = Pattern.compile("<th scope=\"row\">(1\\.0\\.\\d+)</th>").matcher(html);
        List<String> found = new java.util.ArrayList<>();
        while (row.find()) {
            found.add(row.group(1));
        }
        return found;
    }

    private static List<String> newestFirst(int from, int to) {
        return IntStream.iterate(from, n -> n >= to, n -> n - 1).mapToObj(ApplicationVersionPagesTest::version).toList();
    }

    private static String older(String html) {
        Matcher link = OLDER.matcher(html);
        assertThat(link.find()).as("an \"Older versions\" link").isTrue();
        return link.group(1).replace("&amp;", "&");
    }

    @Test
    void theNewestFiftyFirstThenOlderPagesUntilTheFirstVersionWithoutAnOlderLink() {
        String first = page("/ui/applications/" + app);
        assertThat(versionRows(first)).containsExactlyElementsOf(newestFirst(130, 81));
        assertThat(first).doesNotContain("id=\"newest-versions\"");

        String second = page(older(first));
        assertThat(versionRows(second)).containsExactlyElementsOf(newestFirst(80, 31));
        assertThat(second).contains("id=\"newest-versions\"");

        String third = page(older(second));
        assertThat(versionRows(third)).containsExactlyElementsOf(newestFirst(30, 1));
        assertThat(third).doesNotContain("older-versions").contains("← Newest versions");

        assertThat(page(older(first))).as("a page's link is stable").isEqualTo(second);
    }

    @Test
    void tagsBranchesAndDocumentsComeFromTheirHeadsNotFromTheVersionsShown() {
        String first = page("/ui/applications/" + app);
        assertThat(first).containsPattern("<code>prod</code> → <span>1\\.0\\.100</span>")
                .containsPattern("<code>main</code> → <span>1\\.0\\.130</span>")
                .contains("/ui/applications/" + app + "/api?version=1.0.120")
                .contains(">API reference<")
                .doesNotContain(">History and diff<"); // one document only
        assertThat(first).as("the main branch and the 20 newest branches of 26")
                .contains("<code>f-25</code>", "<code>f-6</code>", "id=\"more-branches\"")
                .doesNotContain("<code>f-5</code>");
        String third = page(older(page(older(first))));
        assertThat(third).as("the tags section does not depend on the page").containsPattern(
                "<code>prod</code> → <span>1\\.0\\.100</span>");
    }

    @Test
    void aPageReadsTheVersionsItShowsAndNotTheWholeHistory() {
        page("/ui/applications/" + app); // the caches of everything but the versions are warm now
        long before = reads.documents("versions");
        long branchesBefore = reads.documents("branches");
        String html = page("/ui/applications/" + app);
        long read = reads.documents("versions") - before;
        assertThat(reads.documents("branches") - branchesBefore).as("branch documents read for 26 branches")
                .isLessThanOrEqualTo(ApplicationView.BRANCHES + 2);

        assertThat(versionRows(html)).hasSize(50);
        assertThat(read).as("versions documents read for one page of %d versions", VERSIONS)
                .isBetween(50L, 55L);
    }

    @Test
    void aMalformedOrOutOfRangeCursorIsABadRequestPage() {
        for (String before : List.of("abc", "0", "-5", "1e3", "99999", "123456789012345678901234")) {
            String html = http.get().uri("/ui/applications/{a}?before={b}", app, before).accept(MediaType.TEXT_HTML)
                    .exchange().expectStatus().isEqualTo(HttpStatus.BAD_REQUEST)
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(html).as("before=%s", before).contains("Not a valid request").contains("Older versions");
        }
    }
}
