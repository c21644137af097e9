package dev.covenant.registry.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.RegistryTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;

/**
 * {@code POST /admin/cleanup}: each keep selector keeps what it names, what gates read is kept whatever the
 * selectors, a dry run removes nothing, and bad selectors are problems that remove nothing. The clean-up sees the
 * whole store, so each test looks only at its own applications.
 */
class CleanupApiTest extends RegistryTest {

    @Autowired
    MongoDatabase database;

    private static final String KEEP_MAIN_LATEST = "{\"mainBranch\":true,\"latest\":true}";

    @Test
    void dryRunListsTheUnkeptVersionsOldestFirstAndRemovesNothing() {
        String app = unique("dry");
        onBranch(app, "main", "1", "2", "3", "4");
        Map<String, Object> report = cleanup("{\"keep\":[" + KEEP_MAIN_LATEST + "],\"dryRun\":true}");
        assertThat(report.get("dryRun")).isEqualTo(true);
        assertThat(versionsOf(report, app)).containsExactly("1", "2", "3");
        assertThat(((Map<?, ?>) report.get("removed")).get("versions")).isEqualTo(0);
        http.get().uri("/pacticipants/{a}/versions/1", app).exchange().expectStatus().isOk();
    }

    @Test
    void removesUnkeptVersionsWithTheirPactsAndVerificationsAndKeepsTheLatest() {
        String consumer = unique("web");
        String provider = unique("items");
        onBranch(provider, "main", "p1", "p2");
        for (int i = 1; i <= 3; i++) {
            onBranch(consumer, "main", "c" + i);
            publishPact(consumer, "c" + i, provider, "item " + i);
        }
        verify(provider, consumer, "c1", "p1", true);
        verify(provider, consumer, "c2", "p1", true);
        Map<String, Object> report = cleanup("{\"keep\":[" + KEEP_MAIN_LATEST + "]}");
        // c1 and c2 go with their pacts and verifications; c3 (latest) and p2 (latest) stay; p1's verification of
        // c2's pact content is that content's latest, so p1 stays too (the matrix reads it).
        assertThat(versionsOf(report, consumer)).containsExactly("c1", "c2");
        assertThat(versionsOf(report, provider)).isEmpty();
        http.get().uri("/pacticipants/{a}/versions/c1", consumer).exchange().expectStatus().isNotFound();
        http.get().uri("/pacts/provider/{p}/consumer/{c}/version/c1", provider, consumer).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/pacts/provider/{p}/consumer/{c}/version/c3", provider, consumer).exchange()
                .expectStatus().isOk();
        http.get().uri("/pacticipants/{a}/versions/p1", provider).exchange().expectStatus().isOk();
        // the latest pact still answers for-verification, and a second run finds nothing more of these
        http.post().uri("/pacts/provider/{p}/for-verification", provider).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"consumerVersionSelectors\":[{\"mainBranch\":true}]}")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$._embedded.pacts.length()").isEqualTo(1);
        assertThat(versionsOf(cleanup("{\"keep\":[" + KEEP_MAIN_LATEST + "],\"dryRun\":true}"), consumer)).isEmpty();
    }

    @Test
    void removingAProviderVersionRemovesItsVerificationsFromTheMatrix() {
        String consumer = unique("web");
        String provider = unique("items");
        onBranch(consumer, "main", "c1");
        publishPact(consumer, "c1", provider, "item 1");
        onBranch(provider, "main", "p1", "p2", "p3");
        verify(provider, consumer, "c1", "p1", false);
        verify(provider, consumer, "c1", "p2", true);
        Map<String, Object> report = cleanup("{\"keep\":[" + KEEP_MAIN_LATEST + "]}");
        // p2 holds the content's latest verification, p3 the branch head: only p1 goes, with its failure
        assertThat(versionsOf(report, provider)).containsExactly("p1");
        assertThat(((Map<?, ?>) report.get("removed")).get("verifications")).isEqualTo(1);
        http.get().uri("/matrix?q[][pacticipant]={c}&q[][version]=c1", consumer).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.matrix[?(@.provider.version.number == 'p1')]").doesNotExist()
                .jsonPath("$.matrix[?(@.provider.version.number == 'p2')].verificationResult.success")
                .isEqualTo(List.of(true));
    }

    @Test
    void branchSelectorKeepsEveryVersionOnTheBranchAndLatestOnlyItsHead() {
        String app = unique("branchy");
        onBranch(app, "feature-x", "1", "2");
        onBranch(app, "main", "3");
        assertThat(versionsOf(dryRun("{\"branch\":\"feature-x\"}"), app)).isEmpty();
        assertThat(versionsOf(dryRun("{\"branch\":\"feature-x\",\"latest\":true}"), app)).containsExactly("1");
        assertThat(versionsOf(dryRun("{\"branch\":\"other\"}"), app)).containsExactly("1");
    }

    @Test
    void mainBranchSelectorKeepsEveryMainVersion() {
        String app = unique("mainly");
        onBranch(app, "main", "1", "2", "3");
        assertThat(versionsOf(dryRun("{\"mainBranch\":true}"), app)).isEmpty();
        assertThat(versionsOf(dryRun(KEEP_MAIN_LATEST), app)).containsExactly("1", "2");
    }

    @Test
    void tagSelectorsKeepTaggedVersionsOrTheLatestPerTag() {
        String app = unique("tagged");
        onBranch(app, "main", "1", "2", "3", "4");
        tag(app, "1", "prod");
        tag(app, "2", "prod");
        tag(app, "2", "qa");
        assertThat(versionsOf(dryRun("{\"tag\":\"prod\"}"), app)).containsExactly("3");
        // the latest per tag is a pointer gates read, so 2 stays even under selectors that do not name it
        assertThat(versionsOf(dryRun("{\"tag\":\"prod\",\"latest\":true}"), app)).containsExactly("1", "3");
        assertThat(versionsOf(dryRun("{\"tag\":true}"), app)).containsExactly("3");
    }

    @Test
    void deployedAndReleasedVersionsAreKept() {
        String app = unique("shipped");
        String env = environment(unique("prod"));
        onBranch(app, "main", "1", "2", "3", "4");
        http.post().uri("/pacticipants/{a}/versions/1/deployed-versions/environment/{e}", app, env)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isCreated();
        http.post().uri("/pacticipants/{a}/versions/2/released-versions/environment/{e}", app, env)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().is2xxSuccessful();
        assertThat(versionsOf(dryRun("{\"deployed\":true}"), app)).containsExactly("3");
        assertThat(versionsOf(dryRun("{\"released\":true}"), app)).containsExactly("3");
    }

    @Test
    void youngerThanKeepsRecentVersionsAndMaxVersionsBoundsARun() {
        String app = unique("young");
        onBranch(app, "main", "1", "2", "3", "4");
        assertThat(versionsOf(dryRun("{\"maxAgeDays\":1}"), app)).isEmpty();
        Map<String, Object> bounded = cleanup("{\"keep\":[{\"branch\":\"none\"}],\"maxVersions\":10000,"
                + "\"dryRun\":true}");
        assertThat(versionsOf(bounded, app)).containsExactly("1", "2", "3");
        Map<String, Object> one = cleanup("{\"keep\":[{\"branch\":\"none\"}],\"maxVersions\":1,\"dryRun\":true}");
        assertThat(((List<?>) one.get("versions"))).hasSize(1);
        assertThat(((Number) one.get("remaining")).longValue()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void versionsWithAnOpenApiDocumentAreKept() {
        String app = unique("documented");
        String document = """
                {"openapi":"3.0.3","info":{"title":"Items","version":"1"},"paths":{"/items":{"get":{
                 "responses":{"200":{"description":"items"}}}}}}""";
        String body = "{\"pacticipantVersionNumber\":\"1\",\"branch\":\"main\",\"contract\":{\"content\":\""
                + java.util.Base64.getEncoder().encodeToString(document.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "\",\"contentType\":\"application/json\",\"specification\":\"oas\"}}";
        http.post().uri("/provider-contracts/provider/{p}/publish", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().is2xxSuccessful();
        onBranch(app, "main", "2", "3");
        assertThat(versionsOf(dryRun("{\"branch\":\"none\"}"), app)).containsExactly("2");
    }

    @Test
    void badSelectorsAreProblemsAndRemoveNothing() {
        String app = unique("refused");
        onBranch(app, "main", "1", "2");
        for (String body : List.of("{}", "{\"keep\":[]}", "{\"keep\":[{}]}", "{\"keep\":[{\"bogus\":true}]}",
                "{\"keep\":[{\"maxAgeDays\":0}]}", "{\"keep\":[{\"deployed\":\"yes\"}]}",
                "{\"keep\":[{\"deployed\":true,\"latest\":true}]}", "{\"keep\":[{\"branch\":\"a\",\"tag\":\"b\"}]}",
                "{\"keep\":[{\"latest\":true}],\"maxVersions\":0}", "{\"keep\":[{\"latest\":true}],\"dryRun\":1}",
                "[1]", "not json")) {
            http.post().uri("/admin/cleanup").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        http.get().uri("/pacticipants/{a}/versions/1", app).exchange().expectStatus().isOk();
    }

    @Test
    void pruneHistoryDaysRemovesOldEventsAndFinishedJobsOnly() {
        String old = unique("old-event");
        String recent = unique("recent-event");
        Date longAgo = Date.from(Instant.now().minus(Duration.ofDays(100)));
        Date yesterday = Date.from(Instant.now().minus(Duration.ofDays(1)));
        // sequences rise with time, as the event log records them (pruning walks the log in sequence order)
        insert("events", new Document("_id", old).append("type", "test").append("createdAt", longAgo)
                .append("sequence", -2L));
        insert("events", new Document("_id", recent).append("type", "test").append("createdAt", yesterday)
                .append("sequence", -1L));
        insert("jobs_done", new Document("_id", old).append("status", "done").append("finishedAt", longAgo));
        insert("jobs_done", new Document("_id", recent).append("status", "done").append("finishedAt", yesterday));
        // a dry run prunes nothing either
        cleanup("{\"keep\":[{\"latest\":true}],\"dryRun\":true,\"pruneHistoryDays\":30}");
        assertThat(exists("events", old)).isTrue();
        Map<String, Object> report = cleanup("{\"keep\":[{\"latest\":true}],\"maxVersions\":1,"
                + "\"pruneHistoryDays\":30}");
        Map<?, ?> removed = (Map<?, ?>) report.get("removed");
        assertThat(((Number) removed.get("events")).longValue()).isGreaterThanOrEqualTo(1);
        assertThat(((Number) removed.get("finishedJobs")).longValue()).isGreaterThanOrEqualTo(1);
        assertThat(exists("events", old)).isFalse();
        assertThat(exists("jobs_done", old)).isFalse();
        assertThat(exists("events", recent)).isTrue();
        assertThat(exists("jobs_done", recent)).isTrue();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void insert(String collection, Document document) {
        Mono.from(database.getCollection(collection).insertOne(document)).block(Duration.ofSeconds(10));
    }

    private boolean exists(String collection, String id) {
        return Mono.from(database.getCollection(collection).find(new Document("_id", id)).first())
                .blockOptional(Duration.ofSeconds(10)).isPresent();
    }

    private Map<String, Object> dryRun(String selector) {
        return cleanup("{\"keep\":[" + selector + "],\"dryRun\":true}");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> cleanup(String body) {
        return http.post().uri("/admin/cleanup").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private static List<String> versionsOf(Map<String, Object> report, String application) {
        return ((List<?>) report.get("versions")).stream()
                .map(Map.class::cast)
                .filter(entry -> application.equals(entry.get("application")))
                .map(entry -> (String) entry.get("version"))
                .toList();
    }

    private void onBranch(String application, String branch, String... versions) {
        for (String version : versions) {
            http.put().uri("/pacticipants/{a}/branches/{b}/versions/{v}", application, branch, version)
                    .exchange().expectStatus().isOk();
        }
    }

    private void tag(String application, String version, String tag) {
        http.put().uri("/pacticipants/{a}/versions/{v}/tags/{t}", application, version, tag)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().is2xxSuccessful();
    }

    private String environment(String name) {
        Map<?, ?> body = http.post().uri("/environments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + name + "\",\"production\":true}")
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) body.get("uuid");
    }

    private void publishPact(String consumer, String version, String provider, String description) {
        String pact = "{\"consumer\":{\"name\":\"" + consumer + "\"},\"provider\":{\"name\":\"" + provider + "\"},"
                + "\"interactions\":[{\"description\":\"" + description + "\",\"request\":{\"method\":\"GET\","
                + "\"path\":\"/items\"},\"response\":{\"status\":200}}],"
                + "\"metadata\":{\"pactSpecification\":{\"version\":\"2.0.0\"}}}";
        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/{v}", provider, consumer, version)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(pact)
                .exchange().expectStatus().is2xxSuccessful();
    }

    private void verify(String provider, String consumer, String consumerVersion, String providerVersion,
            boolean success) {
        AtomicReference<String> href = new AtomicReference<>();
        http.get().uri("/pacts/provider/{p}/consumer/{c}/version/{v}", provider, consumer, consumerVersion).exchange()
                .expectBody().jsonPath("$._links['pb:publish-verification-results'].href")
                .value(link -> href.set((String) link));
        http.post().uri(URI.create(href.get())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"success\":" + success + ",\"providerApplicationVersion\":\"" + providerVersion + "\"}")
                .exchange().expectStatus().isCreated();
    }
}
