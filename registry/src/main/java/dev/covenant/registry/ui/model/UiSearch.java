package dev.covenant.registry.ui.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.registry.engine.EngineGateway;
import dev.covenant.registry.environments.EnvironmentVersion;
import dev.covenant.registry.environments.Environments;
import dev.covenant.registry.pacts.PactPublication;
import dev.covenant.registry.specs.ProviderContract;
import dev.covenant.registry.specs.ProviderContracts;
import dev.covenant.registry.ui.model.SearchIndex.Entry;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import org.springframework.stereotype.Component;

/**
 * The search over the read model: the names in each application's latest document, in every version of it that
 * is deployed or released somewhere (what runs, not only what was published last), and in each consumer's latest
 * pact. Every entry names its version; an entry from a running version that is not the latest also says where it
 * runs. Owners: {@code doc:<app>} (latest), {@code run:<app>|<version>}, {@code pact:<provider>|<consumer>}.
 */
@Component
public class UiSearch {


    private final SearchIndex index = new SearchIndex();
    private final ProviderContracts contracts;
    private final Environments environments;
    private final EngineGateway engine;
    /** Per application, the running versions indexed besides its latest document. */
    private final Map<String, Set<String>> running = new ConcurrentHashMap<>();

    UiSearch(ProviderContracts contracts, Environments environments, EngineGateway engine) {
        this.engine = engine;
        this.contracts = contracts;
        this.environments = environments;
    }

    /** Indexes the application's latest document in place of the one before. */
    void putLatest(ProviderContract contract, JsonNode document) {
        index.replace("doc:" + contract.application(),
                DocumentTerms.ofDocument(contract.application(), contract.version(), document));
    }

    /** Indexes the consumer's latest pact with the provider in place of the one before. */
    void putPact(PactPublication publication, JsonNode content) {
        index.replace("pact:" + publication.provider() + "|" + publication.consumer(),
                DocumentTerms.ofPact(publication.consumer(), publication.consumerVersion(), publication.provider(),
                        PactUsage.of(content)));
    }

    /**
     * Indexes the documents of every version of the application deployed or released in some environment, other
     * than its latest (indexed already), and forgets the versions no longer running. Parsing runs off the caller's
     * thread, on the bounded elastic scheduler.
     */
    Mono<Void> putRunning(String application, String latestVersion) {
        return environments.deployedOrReleased(application)
                .collectList()
                .flatMap(found -> {
                    Map<String, Set<String>> where = placesByVersion(found, latestVersion);
                    forgetStopped(application, where.keySet());
                    return Flux.fromIterable(where.entrySet())
                            .concatMap(version -> putRunningVersion(application, version.getKey(), version.getValue()))
                            .then();
                });
    }

    private static Map<String, Set<String>> placesByVersion(List<EnvironmentVersion> found, String latestVersion) {
        Map<String, Set<String>> where = new LinkedHashMap<>();
        for (EnvironmentVersion version : found) {
            if (!version.version().equals(latestVersion)) {
                where.computeIfAbsent(version.version(), v -> new TreeSet<>()).add(place(version));
            }
        }
        return where;
    }

    private static String place(EnvironmentVersion version) {
        return (version instanceof dev.covenant.registry.environments.Release ? "released in " : "deployed in ")
                + version.environmentName();
    }

    private void forgetStopped(String application, Set<String> stillRunning) {
        Set<String> before = running.getOrDefault(application, Set.of());
        for (String version : before) {
            if (!stillRunning.contains(version)) {
                index.replace(runOwner(application, version), List.of());
            }
        }
        running.put(application, Set.copyOf(new HashSet<>(stillRunning)));
    }

    private Mono<Void> putRunningVersion(String application, String version, Set<String> places) {
        String where = String.join(", ", places);
        return contracts.find(application, version)
                .flatMap(contract -> contracts.normalized(contract)
                        .flatMap(engine::readStored)
                        .map(tree -> DocumentTerms.ofDocument(application, version, tree).stream()
                                .map(entry -> new Entry(entry.kind(), entry.name(), entry.application(),
                                        entry.version(), entry.provider(), entry.location() + " · " + where))
                                .collect(Collectors.toList())))
                .doOnNext(entries -> index.replace(runOwner(application, version), entries))
                .then();
    }

    private static String runOwner(String application, String version) {
        return "run:" + application + "|" + version;
    }

    public List<Entry> search(String query, int limit) {
        return index.search(query, limit);
    }

    /** Distinct names indexed. */
    int names() {
        return index.names();
    }
}
