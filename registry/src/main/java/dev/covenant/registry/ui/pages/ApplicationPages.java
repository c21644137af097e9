package dev.covenant.registry.ui.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.diff.DiffOptions;
import dev.covenant.contract.diff.OpenApiDiff;
import dev.covenant.registry.checks.AgreedContracts;
import dev.covenant.registry.engine.CompiledDocument;
import dev.covenant.registry.engine.EngineGateway;
import dev.covenant.registry.environments.EnvironmentVersion;
import dev.covenant.registry.environments.Environments;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.pacticipants.Version;
import dev.covenant.registry.pacts.PactService;
import dev.covenant.registry.specs.ProviderContract;
import dev.covenant.registry.specs.ProviderContracts;
import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.ui.model.ActivityReader;
import dev.covenant.registry.ui.model.Edge;
import dev.covenant.registry.ui.model.PactUsage;
import dev.covenant.registry.ui.model.ReadModel;
import dev.covenant.registry.ui.view.ApiOverlay;
import dev.covenant.registry.ui.view.ApplicationView;
import dev.covenant.registry.ui.view.DiffView;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** An application's page, its rendered API reference with the consumers' overlay, and the diff of two versions. */
@Controller
class ApplicationPages {

    /** Document versions offered in the API reference's and the diff's version choices. */
    static final int MAX_DOCUMENT_CHOICES = 100;

    private final Pacticipants pacticipants;
    private final ProviderContracts contracts;
    private final PactService pacts;
    private final Environments environments;
    private final ReadModel index;
    private final ActivityReader activity;
    private final EngineGateway engine;
    private final ObjectProvider<AgreedContracts> agreed;

    ApplicationPages(Pacticipants pacticipants, ProviderContracts contracts, PactService pacts,
            Environments environments, ReadModel index, ActivityReader activity, EngineGateway engine,
            ObjectProvider<AgreedContracts> agreed) {
        this.engine = engine;
        this.pacticipants = pacticipants;
        this.contracts = contracts;
        this.pacts = pacts;
        this.environments = environments;
        this.index = index;
        this.activity = activity;
        this.agreed = agreed;
    }

    /**
     * The application's page with one page of its versions: the newest, or those older than the cursor
     * {@code before} that the page's "Older versions" link carries. Reads the versions shown, never all of them.
     */
    @GetMapping("/ui/applications/{name}")
    Mono<Rendering> application(@PathVariable String name, @RequestParam(required = false) String before,
            ServerWebExchange exchange) {
        Long cursor = cursor(before);
        return pacticipants.requireApplication(name)
                .flatMap(application -> Mono.zip(versionPage(name, cursor),
                                pacticipants.newestBranches(name, application.mainBranch(), ApplicationView.BRANCHES),
                                pacticipants.tags(name).collectList(),
                                environments.deployedOrReleased(name).collectList(),
                                index.edgesOf(name).collectList(),
                                contracts.newest(name, 2).map(ProviderContract::version).collectList(),
                                compatibility(name, application.latestVersion()))
                        .flatMap(parts -> Mono.zip(providersRunning(name, parts.getT5()),
                                        contracts.versionsWithDocument(name, parts.getT1().versions().stream()
                                                .map(Version::number).toList()).collect(Collectors.toSet()))
                                .map(more -> ApplicationView.of(application, parts.getT1(), cursor == null,
                                        parts.getT2(), parts.getT3(), parts.getT4(), parts.getT5(), more.getT2(),
                                        parts.getT6(), parts.getT7(), more.getT1()))))
                .map(view -> Rendering.view("ui/application").modelAttribute("app", view).build());
    }

    /** The page of versions older than the cursor; a cursor beyond the list is not one a link gave out. */
    private Mono<Pacticipants.VersionPage> versionPage(String name, Long before) {
        return pacticipants.versionPage(name, before, ApplicationView.PAGE_SIZE)
                .filter(page -> before == null || before <= page.listed())
                .switchIfEmpty(Mono.error(() -> new InvalidRequestException("before",
                        "'before' is beyond the versions of '" + name + "'; follow the page's \"Older versions\" link")));
    }

    private static Long cursor(String before) {
        if (before == null) {
            return null;
        }
        if (!before.matches("[1-9][0-9]{0,17}")) {
            throw new InvalidRequestException("before",
                    "'before' must be the position an \"Older versions\" link gives (a whole number from 1)");
        }
        return Long.parseLong(before);
    }

    /** What runs where for each other provider whose verification failed: a failure matters where it runs. */
    private Mono<Map<String, List<EnvironmentVersion>>> providersRunning(String name, List<Edge> edges) {
        return Flux.fromIterable(edges)
                .filter(edge -> edge.status() == Edge.Status.FAILED && !edge.provider().equals(name))
                .map(Edge::provider)
                .distinct()
                .concatMap(provider -> environments.deployedOrReleased(provider).collectList()
                        .map(running -> Map.entry(provider, running)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private Mono<ApplicationView.Compatibility> compatibility(String name, String version) {
        if (version == null) {
            return Mono.just(new ApplicationView.Compatibility(false, null, null, null));
        }
        return activity.reports(name, version).map(ApplicationView::compatibility);
    }

    @GetMapping("/ui/applications/{name}/api")
    Mono<Rendering> api(@PathVariable String name, @RequestParam(required = false) String version) {
        return document(name, version)
                .flatMap(contract -> Mono.zip(tree(contract), consumerPacts(name),
                                documentChoices(name, contract.version(), null),
                                agreed(name))
                        .map(parts -> Rendering.view("ui/api")
                                .modelAttribute("appName", name)
                                .modelAttribute("contract", contract)
                                .modelAttribute("versions", parts.getT3())
                                .modelAttribute("agreed", parts.getT4())
                                .modelAttribute("overlay", ApiOverlay.of(name, parts.getT1(), parts.getT2()))
                                .build()));
    }

    /** Whether anything was agreed for the application (the page then shows the agreed contract's stub). */
    private Mono<Boolean> agreed(String name) {
        AgreedContracts source = agreed.getIfAvailable();
        return source == null ? Mono.just(false) : source.agreed(name).hasElement();
    }

    @GetMapping("/ui/applications/{name}/diff")
    Mono<Rendering> diff(@PathVariable String name, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return pacticipants.requireApplication(name)
                .then(documentChoices(name, blank(to) ? null : to, blank(from) ? null : from))
                .flatMap(versions -> {
                    String revision = blank(to) ? (versions.isEmpty() ? null : versions.get(0)) : to;
                    String base = blank(from) ? (versions.size() < 2 ? null : versions.get(1)) : from;
                    Rendering.Builder<?> page = Rendering.view("ui/diff").modelAttribute("appName", name)
                            .modelAttribute("versions", versions).modelAttribute("from", base)
                            .modelAttribute("to", revision);
                    if (base == null || revision == null) {
                        return Mono.just(page.build());
                    }
                    return compare(name, base, revision).map(view -> page.modelAttribute("diff", view).build());
                });
    }

    /**
     * The document versions the page offers, newest first: the newest {@value #MAX_DOCUMENT_CHOICES} (not the whole
     * history, which grows with every build that publishes), and those the request names.
     */
    private Mono<List<String>> documentChoices(String name, String shown, String other) {
        return contracts.newest(name, MAX_DOCUMENT_CHOICES).map(ProviderContract::version).collectList()
                .map(newest -> {
                    List<String> choices = new java.util.ArrayList<>(newest);
                    for (String named : new String[] {shown, other}) {
                        if (named != null && !choices.contains(named)) {
                            choices.add(named);
                        }
                    }
                    return choices;
                });
    }

    private Mono<DiffView> compare(String name, String from, String to) {
        return Mono.zip(contracts.require(name, from).flatMap(this::tree), contracts.require(name, to).flatMap(this::tree))
                .flatMap(trees -> engine.run(() -> DiffView.of(from, to, trees.getT1(), trees.getT2(),
                        OpenApiDiff.diff(trees.getT1(), trees.getT2(), DiffOptions.defaults()))));
    }

    private Mono<ProviderContract> document(String name, String version) {
        return pacticipants.requireApplication(name)
                .then(blank(version) ? contracts.latest(name, null, null) : contracts.require(name, version));
    }

    private Mono<JsonNode> tree(ProviderContract contract) {
        return engine.stored(contract.sha256(), contracts.normalized(contract))
                .map(CompiledDocument::tree);
    }

    private Mono<List<ApiOverlay.ConsumerPact>> consumerPacts(String provider) {
        return pacts.consumersOf(provider)
                .concatMap(consumer -> pacts.latest(provider, consumer, "latest")
                        .flatMap(publication -> pacts.contentTree(publication.sha())
                                .map(tree -> new ApiOverlay.ConsumerPact(consumer, publication.consumerVersion(),
                                        PactUsage.of(tree)))))
                .collectList();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
