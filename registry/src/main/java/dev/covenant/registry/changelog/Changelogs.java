package dev.covenant.registry.changelog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.diff.Changelog;
import dev.covenant.contract.diff.DiffOptions;
import dev.covenant.contract.diff.OpenApiDiff;
import dev.covenant.registry.engine.CompiledDocument;
import dev.covenant.registry.engine.EngineGateway;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.specs.ProviderContract;
import dev.covenant.registry.specs.ProviderContracts;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Human changelogs of an application's documents: between any two versions, and as a timeline of versions each
 * with its changes from the document it replaced (the one before it on its branch, else the one before it).
 * Diffs are CPU work and run off the event loop.
 */
@Service
public class Changelogs {

    /** Versions a timeline shows when the caller does not say. */
    public static final int DEFAULT_TIMELINE = 10;
    /** Most versions one timeline diffs (each entry is a full diff). */
    public static final int MAX_TIMELINE = 50;

    private final Pacticipants pacticipants;
    private final ProviderContracts contracts;
    private final EngineGateway engine;

    Changelogs(Pacticipants pacticipants, ProviderContracts contracts, EngineGateway engine) {
        this.engine = engine;
        this.pacticipants = pacticipants;
        this.contracts = contracts;
    }

    /** The changes from version {@code from} to version {@code to}; a missing application or version is a 404. */
    public Mono<Changelog> between(String application, String from, String to) {
        return pacticipants.requireApplication(application)
                .then(Mono.zip(contracts.require(application, from), contracts.require(application, to)))
                .flatMap(pair -> changelog(pair.getT1(), pair.getT2()));
    }

    /** The newest {@code limit} documents, newest first, each with its changes from the document it replaced. */
    public Mono<List<TimelineEntry>> timeline(String application, int limit) {
        int size = Math.max(1, Math.min(limit, MAX_TIMELINE));
        return pacticipants.requireApplication(application)
                .then(contracts.newestFirst(application).takeUntil(new Enough(size)).collectList())
                .flatMapMany(newestFirst -> Flux.fromIterable(pairs(newestFirst, size)))
                .concatMap(this::entry)
                .collectList();
    }

    /**
     * Whether the documents read so far (newest first) are enough for the newest {@code size} and the documents
     * they replaced: each of those on a branch has met an older one on its branch, each without a branch has met any
     * older one. So the timeline reads back only as far as its oldest replaced document, not the whole history.
     */
    private static final class Enough implements java.util.function.Predicate<ProviderContract> {
        private final int size;
        private final java.util.Set<String> waiting = new java.util.HashSet<>();
        private boolean waitingForAny;
        private int read;

        Enough(int size) {
            this.size = size;
        }

        @Override
        public boolean test(ProviderContract contract) {
            waitingForAny = false;
            if (contract.branch() != null) {
                waiting.remove(contract.branch());
            }
            if (read++ < size) {
                if (contract.branch() == null) {
                    waitingForAny = true;
                } else {
                    waiting.add(contract.branch());
                }
            }
            return read >= size && waiting.isEmpty() && !waitingForAny;
        }
    }

    /** Each of the newest {@code size} documents with the one it replaced (or null for the first). */
    private static List<Replacement> pairs(List<ProviderContract> newestFirst, int size) {
        List<Replacement> pairs = new ArrayList<>();
        for (int i = 0; i < newestFirst.size() && pairs.size() < size; i++) {
            ProviderContract contract = newestFirst.get(i);
            pairs.add(new Replacement(contract, replaced(newestFirst, i)));
        }
        return pairs;
    }

    private static ProviderContract replaced(List<ProviderContract> newestFirst, int index) {
        ProviderContract contract = newestFirst.get(index);
        ProviderContract anyEarlier = index + 1 < newestFirst.size() ? newestFirst.get(index + 1) : null;
        if (contract.branch() == null) {
            return anyEarlier;
        }
        return newestFirst.subList(index + 1, newestFirst.size()).stream()
                .filter(earlier -> contract.branch().equals(earlier.branch()))
                .findFirst()
                .orElse(anyEarlier);
    }

    private record Replacement(ProviderContract contract, ProviderContract previous) {
    }

    private Mono<TimelineEntry> entry(Replacement replacement) {
        ProviderContract contract = replacement.contract();
        if (replacement.previous() == null) {
            return Mono.just(TimelineEntry.of(contract, null, null));
        }
        return changelog(replacement.previous(), contract)
                .map(changes -> TimelineEntry.of(contract, replacement.previous().version(), changes));
    }

    private Mono<Changelog> changelog(ProviderContract from, ProviderContract to) {
        return Mono.zip(tree(from), tree(to))
                .flatMap(trees -> engine.run(() -> Changelog.of(OpenApiDiff.diff(trees.getT1(), trees.getT2(),
                        DiffOptions.defaults()))));
    }

    private Mono<JsonNode> tree(ProviderContract contract) {
        return engine.stored(contract.sha256(), contracts.normalized(contract))
                .map(CompiledDocument::tree);
    }
}
