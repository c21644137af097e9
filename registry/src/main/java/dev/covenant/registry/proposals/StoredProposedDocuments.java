package dev.covenant.registry.proposals;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@link ProposedDocuments} read from the proposals collection. */
@Component
class StoredProposedDocuments implements ProposedDocuments {

    private final ProposalStore store;

    StoredProposedDocuments(ProposalStore store) {
        this.store = store;
    }

    @Override
    public Mono<Proposed> current(String application, String id) {
        return store.find(id)
                .filter(proposal -> proposal.application().equals(application))
                .map(StoredProposedDocuments::proposed);
    }

    private static Proposed proposed(Proposal proposal) {
        Revision current = proposal.current();
        return new Proposed(proposal.id(), current.number(), current.sha256(), proposal.status().wire());
    }
}
