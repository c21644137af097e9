package dev.covenant.registry.proposals;

import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.proposals.ProposalRequests.Acting;
import dev.covenant.registry.proposals.ProposalRequests.Propose;
import dev.covenant.registry.proposals.ProposalRequests.Remark;
import dev.covenant.registry.proposals.ProposalRequests.Review;
import dev.covenant.registry.specs.ProviderContracts;
import dev.covenant.registry.system.Bodies;
import dev.covenant.registry.system.ForbiddenException;
import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.system.Links;
import dev.covenant.registry.system.NotFoundException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Proposals, reviews and agreed contracts over HTTP (see docs/api.md, "Proposals and agreed contracts"). */
@RestController
class ProposalController {

    private final Proposals proposals;
    private final ProposalBodies bodies;
    private final Actors actors;
    private final Pacticipants pacticipants;
    private final long maxBody;

    ProposalController(Proposals proposals, ProposalBodies bodies, Actors actors, Pacticipants pacticipants,
            ProviderContracts contracts) {
        this.proposals = proposals;
        this.bodies = bodies;
        this.actors = actors;
        this.pacticipants = pacticipants;
        this.maxBody = ProposalBodies.maxBody(contracts.maxDocumentBytes());
    }

    @PostMapping("/applications/{application}/proposals")
    Mono<ResponseEntity<Map<String, Object>>> propose(@PathVariable String application, ServerWebExchange exchange) {
        return body(exchange)
                .map(body -> bodies.propose(application, body, idempotencyKey(exchange)))
                .flatMap(request -> acting(request.team())
                        .flatMap(acting -> proposals.propose(request, acting)))
                .map(proposal -> ResponseEntity.created(URI.create(Proposal.path(proposal.id())))
                        .body(ProposalViews.proposal(proposal, Links.of(exchange))));
    }

    @GetMapping("/proposals/{id}")
    Mono<Map<String, Object>> get(@PathVariable String id, ServerWebExchange exchange) {
        return proposals.find(id).map(proposal -> ProposalViews.proposal(proposal, Links.of(exchange)));
    }

    /** A revision's document as proposed (the current one without {@code revision}). */
    @GetMapping("/proposals/{id}/document")
    Mono<ResponseEntity<byte[]>> document(@PathVariable String id,
            @RequestParam(required = false) Integer revision) {
        return proposals.find(id)
                .flatMap(proposal -> {
                    if (revision != null && (revision < 1 || revision > proposal.revisions().size())) {
                        return Mono.error(new NotFoundException("Proposal " + id + " has no revision " + revision));
                    }
                    Revision wanted = revision == null ? proposal.current() : proposal.revision(revision);
                    return proposals.content(wanted.rawId())
                            .map(content -> ResponseEntity.ok().contentType(mediaType(wanted.contentType()))
                                    .header("X-Covenant-Proposal", id + ";revision=" + wanted.number())
                                    .body(content));
                });
    }

    @PutMapping("/proposals/{id}/document")
    Mono<Map<String, Object>> revise(@PathVariable String id, ServerWebExchange exchange) {
        return body(exchange)
                .map(bodies::revision)
                .flatMap(document -> acting(null)
                        .flatMap(acting -> proposals.revise(id, document.content(), document.contentType(), acting)))
                .map(proposal -> ProposalViews.proposal(proposal, Links.of(exchange)));
    }

    @PostMapping("/proposals/{id}/reviews")
    Mono<ResponseEntity<Map<String, Object>>> review(@PathVariable String id, ServerWebExchange exchange) {
        return body(exchange)
                .map(body -> bodies.review(body, idempotencyKey(exchange)))
                .flatMap(review -> acting(review.team())
                        .flatMap(acting -> proposals.review(id, review, acting)
                                .onErrorMap(Proposals.NotAReviewer.class, e -> notAReviewer(e, acting))))
                .map(proposal -> ResponseEntity.status(HttpStatus.CREATED)
                        .body(ProposalViews.proposal(proposal, Links.of(exchange))));
    }

    @PostMapping("/proposals/{id}/comments")
    Mono<ResponseEntity<Map<String, Object>>> comment(@PathVariable String id, ServerWebExchange exchange) {
        return body(exchange)
                .map(body -> bodies.remark(body, idempotencyKey(exchange)))
                .flatMap(remark -> acting(remark.team()).flatMap(acting -> proposals.comment(id, remark, acting)))
                .map(proposal -> ResponseEntity.status(HttpStatus.CREATED)
                        .body(ProposalViews.proposal(proposal, Links.of(exchange))));
    }

    @PostMapping("/proposals/{id}/withdraw")
    Mono<Map<String, Object>> withdraw(@PathVariable String id, ServerWebExchange exchange) {
        return acting(null)
                .flatMap(acting -> proposals.withdraw(id, acting))
                .map(proposal -> ProposalViews.proposal(proposal, Links.of(exchange)));
    }

    @GetMapping("/applications/{application}/proposals")
    Mono<Map<String, Object>> ofApplication(@PathVariable String application,
            @RequestParam(required = false) String status, ServerWebExchange exchange) {
        Proposal.Status wanted = ProposalBodies.status(status);
        return proposals.ofApplication(application, wanted)
                .map(proposal -> ProposalViews.summary(proposal, Links.of(exchange)))
                .collectList()
                .map(items -> ProposalViews.list("proposals", items));
    }

    @GetMapping("/teams/{team}/proposals")
    Mono<Map<String, Object>> ofTeam(@PathVariable String team,
            @RequestParam(defaultValue = "false") boolean awaiting, ServerWebExchange exchange) {
        return proposals.ofTeam(team, awaiting)
                .map(proposal -> ProposalViews.summary(proposal, Links.of(exchange)))
                .collectList()
                .map(items -> ProposalViews.list("proposals", items));
    }

    /** The latest agreed document as proposed, naming its proposal and revision in headers. */
    @GetMapping("/applications/{application}/agreed")
    Mono<ResponseEntity<byte[]>> agreed(@PathVariable String application, ServerWebExchange exchange) {
        return proposals.agreed(application)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("Nothing has been agreed for application '"
                        + application + "'; propose a document with POST /applications/" + application + "/proposals")))
                .flatMap(agreement -> proposals.content(agreement.rawId())
                        .map(content -> ResponseEntity.ok()
                                .contentType(mediaType(agreement.contentType()))
                                .header(HttpHeaders.LINK, "<" + Links.of(exchange).href("proposals",
                                        agreement.proposalId()) + ">; rel=\"proposal\"")
                                .header("X-Covenant-Proposal", agreement.proposalId() + ";revision="
                                        + agreement.revision())
                                .body(content)));
    }

    @GetMapping("/applications/{application}/agreements")
    Mono<Map<String, Object>> agreements(@PathVariable String application, ServerWebExchange exchange) {
        return pacticipants.requireApplication(application)
                .thenMany(proposals.agreementHistory(application))
                .map(agreement -> ProposalViews.agreement(application, agreement, Links.of(exchange)))
                .collectList()
                .map(items -> ProposalViews.list("agreements", items));
    }

    private Mono<byte[]> body(ServerWebExchange exchange) {
        return Bodies.read(exchange.getRequest(), maxBody);
    }

    private static String idempotencyKey(ServerWebExchange exchange) {
        String key = exchange.getRequest().getHeaders().getFirst("Idempotency-Key");
        if (key != null && (key.isBlank() || key.length() > 200)) {
            throw new InvalidRequestException("Idempotency-Key", "must be 1 to 200 characters");
        }
        return key;
    }

    private Mono<Acting> acting(String named) {
        return actors.acting(named);
    }

    /** Not a reviewer: forbidden for a token (secured mode), an unprocessable request in open mode. */
    private static RuntimeException notAReviewer(Throwable e, Acting acting) {
        if (Actors.open(acting)) {
            return new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        }
        return new ForbiddenException(e.getMessage());
    }

    private static MediaType mediaType(String contentType) {
        try {
            return contentType == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(contentType);
        } catch (org.springframework.util.InvalidMimeTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
