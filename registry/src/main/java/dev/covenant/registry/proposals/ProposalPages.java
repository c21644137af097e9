package dev.covenant.registry.proposals;

import dev.covenant.registry.proposals.ProposalRequests.Acting;
import dev.covenant.registry.proposals.ProposalRequests.Remark;
import dev.covenant.registry.proposals.ProposalRequests.Review;
import dev.covenant.registry.security.UiPage;
import dev.covenant.registry.system.Links;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The UI's proposal pages: the list (open, awaiting a team, agreed) and one proposal with its document, diff,
 * impact, reviewers, the thread per revision, and forms to approve, request changes and comment (CSRF-protected
 * like every form under /ui). Kept next to the proposals it renders, so their types stay package-private.
 */
@Controller
@UiPage
class ProposalPages {

    private final Proposals proposals;
    private final Actors actors;

    ProposalPages(Proposals proposals, Actors actors) {
        this.proposals = proposals;
        this.actors = actors;
    }

    @GetMapping("/ui/proposals")
    Mono<Rendering> list(@RequestParam(required = false) String team, ServerWebExchange exchange) {
        Links links = Links.of(exchange);
        return proposals.all()
                .collectList()
                .map(all -> Rendering.view("ui/proposals")
                        .modelAttribute("team", team == null ? "" : team)
                        .modelAttribute("open", rows(all, Proposal::open, links))
                        .modelAttribute("awaiting", team == null || team.isBlank() ? List.of()
                                : rows(all, p -> p.open() && ReviewRules.awaiting(p.reviewers()).contains(team), links))
                        .modelAttribute("agreed", rows(all, p -> p.status() == Proposal.Status.AGREED, links))
                        .build());
    }

    /** Rows as the API lists them (maps: the templates read public shapes only). */
    private static List<Map<String, Object>> rows(List<Proposal> all, java.util.function.Predicate<Proposal> filter,
            Links links) {
        return all.stream().filter(filter).map(p -> ProposalViews.summary(p, links)).toList();
    }

    @GetMapping("/ui/proposals/{id}")
    Mono<Rendering> proposal(@PathVariable String id, @RequestParam(required = false) String done,
            ServerWebExchange exchange) {
        return proposals.find(id)
                .flatMap(proposal -> proposals.content(proposal.current().rawId())
                        .map(content -> {
                            Map<String, Object> view = ProposalViews.proposal(proposal, Links.of(exchange));
                            return Rendering.view("ui/proposal")
                                    .modelAttribute("v", view)
                                    .modelAttribute("document", new String(content, StandardCharsets.UTF_8))
                                    .modelAttribute("thread", thread(view))
                                    .modelAttribute("done", done == null ? "" : done)
                                    .build();
                        }));
    }

    /** The comments of the view grouped by the revision they were made on, oldest revision first. */
    @SuppressWarnings("unchecked")
    private static Map<Object, List<Map<String, Object>>> thread(Map<String, Object> view) {
        return ((List<Map<String, Object>>) view.get("comments")).stream()
                .collect(Collectors.groupingBy(comment -> comment.get("revision"), LinkedHashMap::new,
                        Collectors.toList()));
    }

    @PostMapping("/ui/proposals/{id}/reviews")
    Mono<Rendering> review(@PathVariable String id, ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> acting(value(form, "team"))
                        .flatMap(acting -> proposals.review(id, review(form), acting)))
                .map(proposal -> Rendering.redirectTo("/ui/proposals/" + id + "?done=reviewed").build());
    }

    @PostMapping("/ui/proposals/{id}/comments")
    Mono<Rendering> comment(@PathVariable String id, ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> acting(value(form, "team"))
                        .flatMap(acting -> proposals.comment(id, new Remark(value(form, "team"), value(form, "text"),
                                null, null, "ui|" + java.util.UUID.randomUUID()), acting)))
                .map(proposal -> Rendering.redirectTo("/ui/proposals/" + id + "?done=commented").build());
    }

    private static Review review(MultiValueMap<String, String> form) {
        Reviewer.Decision decision = "approve".equals(value(form, "decision")) ? Reviewer.Decision.APPROVED
                : Reviewer.Decision.CHANGES_REQUESTED;
        return new Review(value(form, "team"), decision, value(form, "comment"), null, null, null,
                "ui|" + java.util.UUID.randomUUID());
    }

    private static String value(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private Mono<Acting> acting(String named) {
        return actors.acting(named);
    }
}
