package dev.covenant.registry.forverification;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.RegistryTest;
import dev.covenant.registry.forverification.Selector.Kind;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.pacts.PactPublication;
import dev.covenant.registry.pacts.PactSeeding;
import dev.covenant.registry.pacts.PactService;
import dev.covenant.registry.storage.ReadCaches;
import dev.covenant.registry.storage.ReadCounter;
import dev.covenant.registry.storage.ReadCounting;
import dev.covenant.registry.verifications.Verification;
import dev.covenant.registry.verifications.VerificationSeeding;
import dev.covenant.registry.verifications.VerificationService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * For-verification reads the pending status of its pacts from one verification summary per consumer (ADR 0036)
 * and answers exactly what the verification heads answer, content by content: on seeded data with successes and
 * failures on several provider branches (some created after the successes), with and without
 * {@code includePendingStatus}; on a store written before summaries existed (answered from the heads while it is
 * summarised in the background, then from the summaries); and after concurrent verification publishes racing with
 * that summarising. A cold call reads a few documents, not two per
 * content.
 */
@Import(ReadCounting.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForVerificationSummariesTest extends RegistryTest {

    private static final List<String> PROVIDER_BRANCHES = Arrays.asList(null, "main", "dev", "late", "rel.2", "never");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    ReadCounter reads;

    @Autowired
    PactsForVerification forVerification;

    @Autowired
    VerificationService verifications;

    @Autowired
    PactService pacts;

    @Autowired
    Pacticipants pacticipants;

    @Autowired
    MongoDatabase database;

    @Autowired
    ReadCaches caches;

    private final String provider = unique("sum-api");
    private final List<String> consumers = List.of(unique("sum-web"), unique("sum-app"), unique("sum-job"));
    /** Every publication seeded, per consumer. */
    private final Map<String, List<PactPublication>> published = new HashMap<>();

    /**
     * Three consumers, each with 24 versions on main, two feature branches and a release branch (a dot in its
     * name), the content changing every other version; the provider verifies on main (early), dev (created before
     * most successes), late (created after them) and rel.2, one in four failing.
     */
    @BeforeAll
    void seed() {
        block(pacticipants.ensureVersion(provider, "p-dev-0", "dev", List.of(), null));
        int providerVersion = 0;
        for (int v = 1; v <= 24; v++) {
            for (String consumer : consumers) {
                String branch = v % 4 == 0 ? "feat-" + (v % 3) : v % 7 == 0 ? "rel.1" : "main";
                String sha = block(PactSeeding.publish(pacts, consumer, String.valueOf(v), branch, List.of(), provider,
                        pact(consumer, v / 2)));
                published.computeIfAbsent(consumer, c -> new ArrayList<>())
                        .add(block(pacts.publication(provider, consumer, String.valueOf(v))));
                if (v % 3 != 0) {
                    continue;
                }
                String onBranch = switch (v % 4) {
                    case 0 -> "main";
                    case 1 -> "dev";
                    case 2 -> "rel.2";
                    default -> v > 12 ? "late" : "main";
                };
                String number = "p" + (++providerVersion);
                block(pacticipants.ensureVersion(provider, number, onBranch, List.of(), null));
                block(VerificationSeeding.verify(verifications, provider, consumer, sha, number, providerVersion % 4 != 0));
            }
            if (v == 12) {
                block(pacticipants.ensureVersion(provider, "p-late-0", "late", List.of(), null));
            }
        }
    }

    @Test
    void theAnswerIsThePendingStatusOfTheHeadsForEveryContentAndRequest() {
        Set<Boolean> seen = new HashSet<>();
        for (String branch : PROVIDER_BRANCHES) {
            List<PactPublication> all = published.values().stream().flatMap(List::stream).toList();
            Map<String, Boolean> fromSummaries = block(verifications.pendingAll(provider, all, branch));
            Map<String, Boolean> fromHeads = headsPending(all, branch);
            assertThat(fromSummaries).as("provider branch %s", branch).isEqualTo(fromHeads);
            seen.addAll(fromHeads.values());
            for (boolean includePending : List.of(true, false)) {
                assertAnswerAsTheHeads(request(includePending, branch), includePending);
            }
        }
        assertThat(seen).as("both pending and not pending contents").containsExactlyInAnyOrder(true, false);
    }

    @Test
    void aColdCallReadsOneSummaryPerConsumerAndNoHead() {
        ForVerificationRequest request = request(true, "dev");
        block(verifications.summarise()); // whatever the other tests deleted
        caches.invalidateAll();
        long heads = reads.documents("verification_heads");
        long summaries = reads.documents("verification_summaries");

        List<VerifiablePact> answer = block(forVerification.find(provider, request));

        assertThat(answer.stream().filter(VerifiablePact::wip).count()).isGreaterThanOrEqualTo(6);
        assertThat(reads.documents("verification_heads") - heads).isZero();
        long consumersShown = answer.stream().map(pact -> pact.publication().consumer()).distinct().count();
        assertThat(reads.documents("verification_summaries") - summaries).isBetween(1L, consumersShown + 1);
    }

    @Test
    void aStoreWrittenBeforeSummariesIsAnsweredFromTheHeadsAndSummarisedInTheBackground() {
        Map<String, Document> before = summaryDocuments();
        // as a store written before ADR 0036: no summary and no mark
        block(Mono.from(database.getCollection("verification_summaries").deleteMany(new Document())));
        caches.invalidateAll();

        // answered from the heads while the store is summarised in the background, then from the summaries
        for (String branch : PROVIDER_BRANCHES) {
            assertAnswerAsTheHeads(request(true, branch), true);
        }
        block(verifications.summarise());
        long summaries = reads.documents("verification_summaries");
        for (String branch : PROVIDER_BRANCHES) {
            assertAnswerAsTheHeads(request(true, branch), true);
        }

        assertThat(reads.documents("verification_summaries")).isGreaterThan(summaries);
        assertThat(block(Mono.from(database.getCollection("verification_summaries")
                .countDocuments(Filters.eq("_id", "summarised"))))).isEqualTo(1);
        assertThat(summaryDocuments()).isEqualTo(before);
    }

    @Test
    void concurrentPublishesRacingWithARebuildEndAtTheEarliestSuccesses() {
        String consumer = unique("sum-race");
        List<String> shas = new ArrayList<>();
        List<PactPublication> publications = new ArrayList<>();
        for (int v = 1; v <= 4; v++) {
            shas.add(block(PactSeeding.publish(pacts, consumer, "r" + v, "main", List.of(), provider, pact(consumer, v))));
            publications.add(block(pacts.publication(provider, consumer, "r" + v)));
        }
        List<String> branches = List.of("main", "dev", "late", "b.3");
        for (int n = 0; n < 40; n++) {
            block(pacticipants.ensureVersion(provider, "race-" + n, branches.get(n % 4), List.of(), null));
        }
        block(Mono.from(database.getCollection("verification_summaries").deleteMany(new Document())));
        caches.invalidateAll();

        // the summarising of this "old" store runs while the publishes write their summaries
        Flux<Void> publishes = Flux.range(0, 40).flatMap(n -> VerificationSeeding.verify(verifications, provider,
                consumer, shas.get(n % 4 == 3 ? 3 : n % 3), "race-" + n, n % 5 != 0), 8);
        Flux.merge(publishes, verifications.summarise()).blockLast(WAIT);
        caches.invalidateAll();
        assertThat(block(Mono.from(database.getCollection("verification_summaries")
                .countDocuments(Filters.eq("_id", "summarised"))))).isEqualTo(1);

        for (String branch : PROVIDER_BRANCHES) {
            assertThat(block(verifications.pendingAll(provider, publications, branch))).as("provider branch %s", branch)
                    .isEqualTo(headsPending(publications, branch));
        }
        Document summary = block(Mono.from(database.getCollection("verification_summaries")
                .find(Filters.eq("_id", provider + "|" + consumer)).first()));
        for (String sha : shas) {
            List<Verification> successes = block(verifications.forContent(sha).filter(Verification::success)
                    .collectList());
            Document content = summary.get("contents", Document.class).get(sha, Document.class);
            if (successes.isEmpty()) {
                assertThat(content).isNull();
                continue;
            }
            assertThat(content.getDate("any").toInstant()).isEqualTo(earliest(successes));
            Map<String, Instant> byBranch = successes.stream().flatMap(success -> success.branches().stream()
                            .map(branch -> Map.entry(branch, success.createdAt())))
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> millis(entry.getValue()),
                            (a, b) -> a.isBefore(b) ? a : b));
            Map<String, Instant> stored = new HashMap<>();
            content.get("branches", Document.class).forEach((field, at) ->
                    stored.put(field.replace("%2E", "."), ((java.util.Date) at).toInstant()));
            assertThat(stored).isEqualTo(byBranch);
        }
    }

    @Test
    void aStoreSummarisedAfterRetentionRemovedVerificationsAnswersAsTheHeads() {
        String consumer = unique("sum-cleaned");
        List<PactPublication> publications = new ArrayList<>();
        List<String> shas = new ArrayList<>();
        for (int v = 1; v <= 3; v++) {
            shas.add(block(PactSeeding.publish(pacts, consumer, "c" + v, "main", List.of(), provider, pact(consumer, 40 + v))));
            publications.add(block(pacts.publication(provider, consumer, "c" + v)));
        }
        block(pacticipants.ensureVersion(provider, "cleaned-1", "main", List.of(), null));
        block(pacticipants.ensureVersion(provider, "cleaned-2", "dev", List.of(), null));
        block(VerificationSeeding.verify(verifications, provider, consumer, shas.get(0), "cleaned-1", true));
        block(VerificationSeeding.verify(verifications, provider, consumer, shas.get(1), "cleaned-2", true));
        block(VerificationSeeding.verify(verifications, provider, consumer, shas.get(2), "cleaned-2", false));
        // retention removed the verifications (their heads stay), then the store is upgraded and summarised
        block(Mono.from(database.getCollection("verifications").deleteMany(Filters.eq("consumer", consumer))));
        block(Mono.from(database.getCollection("verification_summaries").deleteMany(new Document())));
        caches.invalidateAll();

        block(verifications.summarise());
        caches.invalidateAll();

        Set<Boolean> seen = new HashSet<>();
        for (String branch : PROVIDER_BRANCHES) {
            Map<String, Boolean> fromHeads = headsPending(publications, branch);
            assertThat(block(verifications.pendingAll(provider, publications, branch))).as("provider branch %s", branch)
                    .isEqualTo(fromHeads);
            seen.addAll(fromHeads.values());
        }
        assertThat(seen).as("successes known only to the heads, and a content never verified successfully")
                .containsExactlyInAnyOrder(true, false);
    }

    /** The answer, pact by pact, against the heads: pending per content, WIP = the pending branch heads left. */
    private void assertAnswerAsTheHeads(ForVerificationRequest request, boolean includePending) {
        List<VerifiablePact> answer = block(forVerification.find(provider, request));
        List<PactPublication> shown = answer.stream().map(VerifiablePact::publication).toList();
        Map<String, Boolean> fromHeads = headsPending(shown, request.providerBranch());
        Set<String> selected = new HashSet<>();
        for (VerifiablePact pact : answer) {
            String sha = pact.publication().sha();
            if (pact.wip()) {
                assertThat(pact.pending()).isTrue();
                assertThat(fromHeads.get(sha)).as("WIP pact %s pending by the heads", sha).isTrue();
            } else {
                selected.add(pact.publication().consumer() + "|" + sha);
                assertThat(pact.pending()).as("pending of %s", sha).isEqualTo(includePending ? fromHeads.get(sha) : null);
            }
        }
        Set<String> expectedWip = new HashSet<>();
        if (request.providerBranch() != null) {
            for (String consumer : consumers) {
                for (PactPublication head : block(pacts.branchHeads(provider, consumer)).values()) {
                    String key = consumer + "|" + head.sha();
                    if (!selected.contains(key) && headsPending(List.of(head), request.providerBranch()).get(head.sha())) {
                        expectedWip.add(key);
                    }
                }
            }
        }
        assertThat(answer.stream().filter(VerifiablePact::wip)
                .map(pact -> pact.publication().consumer() + "|" + pact.publication().sha()).collect(Collectors.toSet()))
                .as("WIP pacts for provider branch %s", request.providerBranch()).isEqualTo(expectedWip);
    }

    /** The pending status read content by content from the verification heads (the path before ADR 0036). */
    private Map<String, Boolean> headsPending(List<PactPublication> publications, String branch) {
        Map<String, Boolean> pending = new HashMap<>();
        publications.forEach(publication -> pending.put(publication.sha(),
                block(verifications.pending(provider, publication.sha(), branch))));
        return pending;
    }

    private static ForVerificationRequest request(boolean includePending, String providerBranch) {
        return new ForVerificationRequest(List.of(Selector.of(Kind.MAIN_BRANCH),
                new Selector(Kind.BRANCH, null, "rel.1", null, null, null, null)), includePending, providerBranch,
                List.of(), Instant.parse("2020-01-01T00:00:00Z"));
    }

    private Map<String, Document> summaryDocuments() {
        Map<String, Document> documents = new HashMap<>();
        for (String consumer : consumers) {
            String id = provider + "|" + consumer;
            documents.put(id, block(Mono.from(database.getCollection("verification_summaries")
                    .find(Filters.eq("_id", id)).first())).get("contents", Document.class));
        }
        return documents;
    }

    private static Instant earliest(List<Verification> verifications) {
        return verifications.stream().map(Verification::createdAt).map(ForVerificationSummariesTest::millis)
                .min(Instant::compareTo).orElseThrow();
    }

    /** The store keeps dates to the millisecond. */
    private static Instant millis(Instant instant) {
        return Instant.ofEpochMilli(instant.toEpochMilli());
    }

    private byte[] pact(String consumer, int generation) {
        return ("{\"consumer\":{\"name\":\"" + consumer + "\"},\"provider\":{\"name\":\"" + provider + "\"},"
                + "\"interactions\":[{\"description\":\"get " + generation + "\",\"request\":{\"method\":\"GET\","
                + "\"path\":\"/items/" + generation + "\"},\"response\":{\"status\":200}}],"
                + "\"metadata\":{\"pactSpecification\":{\"version\":\"3.0.0\"}}}").getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T block(Mono<T> mono) {
        return mono.block(WAIT);
    }
}
