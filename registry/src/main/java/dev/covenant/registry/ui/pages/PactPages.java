package dev.covenant.registry.ui.pages;

import dev.covenant.contract.check.CheckReport;
import dev.covenant.registry.engine.CompiledDocument;
import dev.covenant.registry.engine.EngineGateway;
import dev.covenant.contract.pact.Pact;
import dev.covenant.contract.pact.Pacts;
import dev.covenant.registry.checks.CrossCheckEvidence;
import dev.covenant.registry.checks.CrossChecks;
import dev.covenant.registry.pacts.PactPublication;
import dev.covenant.registry.pacts.PactService;
import dev.covenant.registry.specs.ProviderContract;
import dev.covenant.registry.specs.ProviderContracts;
import dev.covenant.registry.system.NotFoundException;
import dev.covenant.registry.ui.view.PactView;
import dev.covenant.registry.verifications.VerificationService;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuples;

/** A pact rendered readably, with its verifications and the cross-contract check against the provider's document. */
@Controller
class PactPages {

    /** Consumer versions offered in the page's version switch: the newest publications of the integration. */
    static final int MAX_VERSION_CHOICES = 100;
    /** Verifications of the content listed, the newest first (the status is the newest's). */
    static final int MAX_VERIFICATIONS = 50;


    private final PactService pacts;
    private final VerificationService verifications;
    private final ProviderContracts contracts;
    private final CrossChecks crossChecks;
    private final EngineGateway engine;

    PactPages(PactService pacts, VerificationService verifications, ProviderContracts contracts,
            CrossChecks crossChecks, EngineGateway engine) {
        this.engine = engine;
        this.crossChecks = crossChecks;
        this.pacts = pacts;
        this.verifications = verifications;
        this.contracts = contracts;
    }

    @GetMapping("/ui/pacts/{provider}/{consumer}")
    Mono<Rendering> pact(@PathVariable String provider, @PathVariable String consumer,
            @RequestParam(required = false) String version) {
        Mono<PactPublication> publication = version == null || version.isBlank()
                ? pacts.latest(provider, consumer, "latest")
                : pacts.publication(provider, consumer, version);
        return publication
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No pact between " + consumer + " and " + provider
                        + (version == null ? "" : " for consumer version " + version))))
                .flatMap(found -> Mono.zip(pacts.contentTree(found.sha()),
                                verifications.newestForContent(found.sha(), MAX_VERIFICATIONS).collectList(),
                                providerDocument(provider),
                                versionChoices(provider, consumer, found.consumerVersion()))
                        .flatMap(parts -> evidence(found.sha(), parts.getT3())
                                .map(evidence -> Tuples.of(parts, evidence)))
                        .flatMap(partsAndEvidence -> engine.run(() -> {
                            var parts = partsAndEvidence.getT1();
                            Pact pact = Pacts.parse(parts.getT1());
                            Optional<Document> document = parts.getT3();
                            CheckReport check = document.map(d -> d.compiled().checker().check(pact)).orElse(null);
                            PactView view = PactView.of(provider, consumer, found.consumerVersion(), found.sha(), pact,
                                    parts.getT2(), document.map(d -> d.contract().version()).orElse(null), check,
                                    partsAndEvidence.getT2());
                            return Rendering.view("ui/pact").modelAttribute("pact", view)
                                    .modelAttribute("versions", parts.getT4()).build();
                        })));
    }

    /**
     * The consumer versions the page offers to switch to: the newest {@value #MAX_VERSION_CHOICES} publications of the
     * integration (not its whole history), and the one shown.
     */
    private Mono<List<String>> versionChoices(String provider, String consumer, String shown) {
        return pacts.newest(provider, consumer, MAX_VERSION_CHOICES).map(PactPublication::consumerVersion)
                .collectList()
                .map(newest -> {
                    if (newest.contains(shown)) {
                        return newest;
                    }
                    List<String> choices = new java.util.ArrayList<>(newest);
                    choices.add(shown);
                    return choices;
                });
    }

    /** What the stored cross-contract check of this content against the document proves, as the matrix judges it. */
    private Mono<Optional<CrossCheckEvidence>> evidence(String sha, Optional<Document> document) {
        return Mono.justOrEmpty(document)
                .flatMap(found -> crossChecks.evidence(sha, found.contract().version()))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
    }

    /** The provider's latest document, parsed. */
    private record Document(ProviderContract contract, CompiledDocument compiled) {
    }

    private Mono<Optional<Document>> providerDocument(String provider) {
        return contracts.latest(provider, null, null)
                .flatMap(contract -> engine.stored(contract.sha256(), contracts.normalized(contract))
                        .map(compiled -> Optional.of(new Document(contract, compiled))))
                .onErrorResume(NotFoundException.class, e -> Mono.just(Optional.empty()))
                .defaultIfEmpty(Optional.empty());
    }
}
