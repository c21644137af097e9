package dev.covenant.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.covenant.client.Results.CanIDeploy;
import dev.covenant.client.Results.Environment;
import dev.covenant.client.Results.MatrixRow;
import dev.covenant.client.Results.Notice;
import dev.covenant.client.Results.PreMergeReport;
import dev.covenant.client.Results.PublishedDocument;
import dev.covenant.client.Results.PublishedPacts;
import dev.covenant.client.Results.RecordedDeployment;
import dev.covenant.client.Results.RecordedVerification;
import dev.covenant.client.Results.Subscription;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The registry's client for CI jobs, the CLI and the JUnit 5 support. Every call is retried on connection errors,
 * 408, 429 (honouring {@code Retry-After}) and 5xx with exponential back-off and jitter ({@link RetryPolicy}), has
 * a connect and a response timeout, and fails with a {@link RegistryException} that says what to do.
 */
public final class CovenantClient {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Transport transport;

    private CovenantClient(Transport transport) {
        this.transport = transport;
    }

    public static CovenantClient create(ClientConfig config) {
        return create(config, Sleeper.THREAD);
    }

    /** As {@link #create(ClientConfig)}, waiting between attempts with the given sleeper. */
    public static CovenantClient create(ClientConfig config, Sleeper sleeper) {
        return new CovenantClient(new Transport(config, sleeper, RandomGenerator.getDefault()));
    }

    /** Publishes an OpenAPI document (YAML or JSON) as {@code application} {@code version}; republishing is a no-op. */
    public PublishedDocument publishOpenApi(String application, String version, String branch, List<String> tags,
            String buildUrl, byte[] document, String contentType) {
        Query query = new Query().add("branch", branch).add("buildUrl", buildUrl);
        tags.forEach(tag -> query.add("tag", tag));
        String path = Paths.of("applications", application, "versions", version, "openapi") + query;
        Transport.Response response = transport.send("PUT", transport.uri(path), contentType, document);
        JsonNode body = expect("publish " + application + " " + version, response, 200, 201);
        return new PublishedDocument(application, version, response.status() == 201, body.path("sha256").asText(null));
    }

    /** Publishes pacts as {@code consumerVersion} of their consumer (one request per consumer), idempotently. */
    public List<PublishedPacts> publishPacts(String consumerVersion, String branch, List<String> tags, String buildUrl,
            List<PactFile> pacts) {
        Map<String, List<PactFile>> byConsumer = new LinkedHashMap<>();
        pacts.forEach(pact -> byConsumer.computeIfAbsent(pact.consumer(), c -> new ArrayList<>()).add(pact));
        List<PublishedPacts> published = new ArrayList<>();
        byConsumer.forEach((consumer, files) -> published.add(publishPactsOf(consumer, consumerVersion, branch, tags,
                buildUrl, files)));
        return published;
    }

    private PublishedPacts publishPactsOf(String consumer, String version, String branch, List<String> tags,
            String buildUrl, List<PactFile> files) {
        ObjectNode request = JSON.createObjectNode()
                .put("pacticipantName", consumer)
                .put("pacticipantVersionNumber", version);
        putIfPresent(request, "branch", branch);
        putIfPresent(request, "buildUrl", buildUrl);
        tags.forEach(request.putArray("tags")::add);
        for (PactFile file : files) {
            request.withArray("contracts").addObject()
                    .put("consumerName", consumer)
                    .put("providerName", file.provider())
                    .put("specification", "pact")
                    .put("contentType", "application/json")
                    .put("content", Base64.getEncoder().encodeToString(file.content()));
        }
        JsonNode body = postJson("publish the pacts of " + consumer + " " + version, "/contracts/publish", request, 200, 201);
        return new PublishedPacts(consumer, version, files.stream().map(PactFile::provider).distinct().toList(),
                notices(body));
    }

    /**
     * Records that {@code provider} {@code providerVersion} verified the pact {@code consumer} {@code consumerVersion}
     * published, for verifiers other than pact-jvm (which publishes its own results).
     */
    public RecordedVerification recordVerification(String provider, String providerVersion, String providerBranch,
            String consumer, String consumerVersion, boolean success, String buildUrl) {
        String action = "record the verification of " + consumer + " " + consumerVersion + " by " + provider;
        JsonNode pact = getJson(action, Paths.of("pacts", "provider", provider, "consumer", consumer, "version",
                consumerVersion));
        String publishHref = pact.path("_links").path("pb:publish-verification-results").path("href").asText("");
        if (publishHref.isBlank()) {
            throw new RegistryException(RegistryException.Kind.UNEXPECTED, 200, action
                    + ": the pact has no pb:publish-verification-results link; is this a Covenant or Pact Broker URL?", null);
        }
        if (providerBranch != null && !providerBranch.isBlank()) {
            Transport.Response branch = transport.send("PUT", transport.uri(Paths.of("pacticipants", provider, "branches",
                    providerBranch, "versions", providerVersion)), "application/json", bytes(JSON.createObjectNode()));
            expect(action, branch, 200, 201);
        }
        ObjectNode result = JSON.createObjectNode()
                .put("success", success)
                .put("providerApplicationVersion", providerVersion);
        result.putObject("verifiedBy").put("implementation", "covenant-client").put("version", "0.1.0");
        putIfPresent(result, "buildUrl", buildUrl);
        Transport.Response response = transport.send("POST", URI.create(publishHref), "application/json", bytes(result));
        expect(action, response, 200, 201);
        return new RecordedVerification(provider, providerVersion, consumer, success);
    }

    /**
     * NOT_FOUND when the application, its version or the environment (when given) is unknown, as record-deployment
     * says it: the Pact Broker answers can-i-deploy's unknown names with 400 or an "unknown" verdict, and the CLI's
     * exit codes must not depend on which command met the unknown name first.
     */
    private void requireKnown(String application, String version, String environment) {
        if (environment != null) {
            environment(environment);
        }
        String action = "find " + application;
        Transport.Response app = transport.send("GET", transport.uri(Paths.of("pacticipants", application)), null, null);
        if (app.status() == 404) {
            throw new RegistryException(RegistryException.Kind.NOT_FOUND, 404, "there is no application '" + application
                    + "' in the registry: check the name, or publish its pacts or document first", app.requestId());
        }
        if (app.status() != 200) {
            throw ErrorBodies.toException(action, app, transport.settings());
        }
        Transport.Response found = transport.send("GET",
                transport.uri(Paths.of("pacticipants", application, "versions", version)), null, null);
        if (found.status() == 404) {
            throw new RegistryException(RegistryException.Kind.NOT_FOUND, 404, "there is no version '" + version + "' of "
                    + application + " in the registry: publish it first (publish-pacts or publish-openapi)",
                    found.requestId());
        }
    }

    /** The environment called {@code name}; NOT_FOUND when there is none. */
    public Environment environment(String name) {
        JsonNode list = getJson("list environments", "/environments");
        for (JsonNode env : list.path("_embedded").path("environments")) {
            if (name.equals(env.path("name").asText())) {
                return new Environment(env.path("uuid").asText(), name, env.path("production").asBoolean(false));
            }
        }
        throw new RegistryException(RegistryException.Kind.NOT_FOUND, 404, "there is no environment '" + name
                + "': create it first (covenant create-environment --name " + name + ")", null);
    }

    /** The environment called {@code name}, created when missing. */
    public Environment ensureEnvironment(String name, boolean production) {
        try {
            return environment(name);
        } catch (RegistryException e) {
            if (e.kind() != RegistryException.Kind.NOT_FOUND) {
                throw e;
            }
        }
        ObjectNode request = JSON.createObjectNode().put("name", name).put("production", production);
        Transport.Response response = transport.send("POST", transport.uri("/environments"), "application/json",
                bytes(request));
        if (response.status() == 409) {
            return environment(name); // created concurrently (or by an earlier attempt of this call)
        }
        JsonNode body = expect("create environment " + name, response, 200, 201);
        return new Environment(body.path("uuid").asText(), name, production);
    }

    /** Records that {@code version} of {@code application} now runs in {@code environment} (replacing the previous one). */
    public RecordedDeployment recordDeployment(String application, String version, String environment,
            String applicationInstance) {
        Environment env = environment(environment);
        ObjectNode request = JSON.createObjectNode();
        putIfPresent(request, "applicationInstance", applicationInstance);
        JsonNode body = postJson("record the deployment of " + application + " " + version + " to " + environment,
                Paths.of("pacticipants", application, "versions", version, "deployed-versions", "environment", env.uuid()),
                request, 200, 201);
        return new RecordedDeployment(application, version, environment, body.path("uuid").asText(null));
    }

    /** Whether {@code version} of {@code application} can be deployed to {@code environment}, with the reasons. */
    public CanIDeploy canIDeploy(String application, String version, String environment) {
        String path = "/can-i-deploy" + new Query().add("pacticipant", application).add("version", version)
                .add("environment", environment);
        JsonNode body;
        try {
            body = getJson("can-i-deploy " + application + " " + version + " to " + environment, path);
        } catch (RegistryException e) {
            if (e.kind() == RegistryException.Kind.INVALID) {
                requireKnown(application, version, environment);
            }
            throw e;
        }
        JsonNode summary = body.path("summary");
        Boolean deployable = summary.path("deployable").isBoolean() ? summary.path("deployable").asBoolean() : null;
        if (!Boolean.TRUE.equals(deployable)) {
            requireKnown(application, version, null);
        }
        List<MatrixRow> rows = new ArrayList<>();
        for (JsonNode row : body.path("matrix")) {
            JsonNode result = row.path("verificationResult");
            rows.add(new MatrixRow(row.path("consumer").path("name").asText(),
                    row.path("consumer").path("version").path("number").asText(null),
                    row.path("provider").path("name").asText(),
                    row.path("provider").path("version").path("number").asText(null),
                    result.path("success").isBoolean() ? result.path("success").asBoolean() : null,
                    row.path("reason").asText(null)));
        }
        return new CanIDeploy(deployable, summary.path("reason").asText(""), rows, notices(body));
    }

    /**
     * Asks whether a candidate document would break a consumer or the policy, before merging it (nothing is stored).
     */
    public PreMergeReport preMergeCheck(String application, String branch, byte[] document, String contentType) {
        String path = Paths.of("applications", application, "pre-merge-check") + new Query().add("branch", branch);
        Transport.Response response = transport.send("POST", transport.uri(path), contentType, document);
        JsonNode body = expect("pre-merge check of " + application, response, 200);
        return convert(body, PreMergeReport.class);
    }

    /** Creates or replaces a team owning the given applications (issue 5's teams API). */
    public void putTeam(String team, List<String> applications) {
        ObjectNode request = JSON.createObjectNode();
        applications.forEach(request.putArray("applications")::add);
        Transport.Response response = transport.send("PUT", transport.uri(Paths.of("teams", team)), "application/json",
                bytes(request));
        expect("create team " + team, response, 200, 201);
    }

    /** Subscribes a team to notifications delivered to {@code url} (issue 5's subscriptions API). */
    public Subscription subscribe(String team, String url, String format, String secret, List<String> events) {
        ObjectNode request = JSON.createObjectNode().put("url", url).put("format", format);
        putIfPresent(request, "secret", secret);
        if (events != null && !events.isEmpty()) {
            events.forEach(request.putArray("events")::add);
        }
        JsonNode body = postJson("subscribe team " + team, Paths.of("teams", team, "subscriptions"), request, 200, 201);
        return new Subscription(body.path("id").asText(null), url, format);
    }

    /**
     * Proposes a document for an application (issue 12): the answer has the diff against the base, the impact on
     * each consumer and the reviewers. {@code idempotencyKey} (may be null) makes a retried call return the same
     * proposal.
     */
    public Results.Proposal propose(String application, String title, byte[] document, String baseVersion, String team,
            List<String> reviewers, String idempotencyKey) {
        ObjectNode request = JSON.createObjectNode().put("title", title)
                .put("document", new String(document, java.nio.charset.StandardCharsets.UTF_8));
        putIfPresent(request, "baseVersion", baseVersion);
        putIfPresent(request, "team", team);
        if (reviewers != null && !reviewers.isEmpty()) {
            reviewers.forEach(request.putArray("reviewers")::add);
        }
        java.net.URI uri = transport.uri(Paths.of("applications", application, "proposals"));
        Transport.Response response = idempotencyKey == null
                ? transport.send("POST", uri, "application/json", bytes(request))
                : transport.send("POST", uri, "application/json", bytes(request), Map.of("Idempotency-Key", idempotencyKey));
        return proposal(expect("propose a document for " + application, response, 200, 201));
    }

    /** A proposal as it stands now. */
    public Results.Proposal proposal(String id) {
        return proposal(getJson("read proposal " + id, Paths.of("proposals", id)));
    }

    /**
     * The proposals of an application, newest first; {@code status} (open, agreed, withdrawn; null for all) narrows
     * them.
     */
    public List<Results.ProposalSummary> proposals(String application, String status) {
        String path = Paths.of("applications", application, "proposals")
                + (status == null ? "" : "?status=" + Paths.encode(status));
        List<Results.ProposalSummary> found = new ArrayList<>();
        for (JsonNode item : getJson("list the proposals of " + application, path).path("proposals")) {
            found.add(convert(item, Results.ProposalSummary.class));
        }
        return found;
    }

    /**
     * A team's review of a proposal's current revision: {@code approve} or {@code request-changes}, with an optional
     * comment. Answers the proposal as it stands after the review.
     */
    public Results.Proposal review(String id, String team, String decision, String comment) {
        ObjectNode request = JSON.createObjectNode().put("team", team).put("decision", decision);
        putIfPresent(request, "comment", comment);
        return proposal(postJson("review proposal " + id, Paths.of("proposals", id, "reviews"), request, 200, 201));
    }

    /** Puts a new revision of a proposal's document; the teams it concerns are asked again. */
    public Results.Proposal revise(String id, byte[] document) {
        ObjectNode request = JSON.createObjectNode()
                .put("document", new String(document, java.nio.charset.StandardCharsets.UTF_8));
        Transport.Response response = transport.send("PUT", transport.uri(Paths.of("proposals", id, "document")),
                "application/json", bytes(request));
        return proposal(expect("revise proposal " + id, response, 200));
    }

    private static Results.Proposal proposal(JsonNode body) {
        Results.Proposal read = convert(body, Results.Proposal.class);
        String url = body.path("_links").path("self").path("href").asText(null);
        return new Results.Proposal(read.id(), read.application(), read.title(), read.status(), read.revision(),
                read.team(), read.findings(), read.impact(), read.reviewers(), read.awaiting(), url);
    }

    /**
     * The document a stub of {@code ref} serves (a version number, {@code latest} or {@code agreed}), as the
     * registry normalized it.
     */
    public JsonNode stubDocument(String application, String ref) {
        return getJson("fetch the " + ref + " document of " + application,
                Paths.of("applications", application, "stub-documents", ref));
    }

    /**
     * Stores the provider's own verification of {@code version}'s document (the drift check's outcome); the
     * gate's self-verification policy reads it.
     */
    public void recordSelfVerification(String application, String version, boolean success, String verifier,
                                       String content) {
        ObjectNode request = JSON.createObjectNode();
        request.put("success", success);
        request.put("verifier", verifier);
        request.put("format", "text");
        request.put("contentType", "text/plain");
        request.put("content", content);
        Transport.Response response = transport.send("PUT", transport.uri(Paths.of("applications", application,
                "versions", version, "openapi", "self-verification")), "application/json", bytes(request));
        expect("record the self-verification of " + application + " " + version, response, 200);
    }

    private JsonNode getJson(String action, String path) {
        return expect(action, transport.send("GET", transport.uri(path), null, null), 200);
    }

    private JsonNode postJson(String action, String path, JsonNode request, int... ok) {
        return expect(action, transport.send("POST", transport.uri(path), "application/json", bytes(request)), ok);
    }

    private JsonNode expect(String action, Transport.Response response, int... ok) {
        for (int status : ok) {
            if (response.status() == status) {
                return parse(action, response);
            }
        }
        throw ErrorBodies.toException(action, response, transport.settings());
    }

    private static JsonNode parse(String action, Transport.Response response) {
        if (response.body() == null || response.body().length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.UNEXPECTED, response.status(), action
                    + ": the answer is not JSON; is the URL a Covenant registry?", response.requestId());
        }
    }

    private static <T> T convert(JsonNode body, Class<T> type) {
        try {
            return JSON.treeToValue(body, type);
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.UNEXPECTED, 200, "unreadable " + type.getSimpleName()
                    + " from the registry: " + e.getMessage(), null);
        }
    }

    private static List<Notice> notices(JsonNode body) {
        List<Notice> notices = new ArrayList<>();
        body.path("notices").forEach(n -> notices.add(new Notice(n.path("type").asText(""), n.path("text").asText(""))));
        return notices;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
