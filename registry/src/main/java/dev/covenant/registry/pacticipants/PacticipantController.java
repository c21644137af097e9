package dev.covenant.registry.pacticipants;

import dev.covenant.registry.system.Bodies;
import dev.covenant.registry.system.Hal;
import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.system.JsonBodies;
import dev.covenant.registry.system.Links;
import dev.covenant.registry.system.Names;
import dev.covenant.registry.system.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Pact Broker-compatible pacticipant (application) resources; also the registry's application API. */
@RestController
class PacticipantController {

    private static final long MAX_BODY = 64 * 1024;
    /** The largest page of versions one request reads. */
    static final int MAX_PAGE_SIZE = 1_000;

    private final Pacticipants pacticipants;
    private final JsonMapper json;
    private final List<VersionLinkContributor> linkContributors;
    private final ApplicationOwnership ownership;

    PacticipantController(Pacticipants pacticipants, JsonMapper json,
            ObjectProvider<VersionLinkContributor> linkContributors, ApplicationOwnership ownership) {
        this.pacticipants = pacticipants;
        this.json = json;
        this.ownership = ownership;
        this.linkContributors = linkContributors.orderedStream().toList();
    }

    @GetMapping({"/pacticipants", "/applications"})
    Mono<ResponseEntity<Map<String, Object>>> list(ServerWebExchange exchange) {
        Links links = Links.of(exchange);
        return pacticipants.applications()
                .concatMap(application -> pacticipants.latestVersion(application.name(), null)
                        .map(latest -> PacticipantViews.pacticipant(links, application, latest))
                        .defaultIfEmpty(PacticipantViews.pacticipant(links, application, null)))
                .collectList()
                .map(items -> Hal.ok(PacticipantViews.pacticipants(links, items)));
    }

    @GetMapping({"/pacticipants/{name}", "/applications/{name}"})
    Mono<ResponseEntity<Map<String, Object>>> show(@PathVariable String name, ServerWebExchange exchange) {
        return pacticipants.requireApplication(name)
                .flatMap(application -> pacticipants.latestVersion(name, null)
                        .map(latest -> PacticipantViews.pacticipant(Links.of(exchange), application, latest))
                        .defaultIfEmpty(PacticipantViews.pacticipant(Links.of(exchange), application, null)))
                .map(Hal::ok);
    }

    @PostMapping({"/pacticipants", "/applications"})
    Mono<ResponseEntity<Map<String, Object>>> create(ServerWebExchange exchange) {
        return Bodies.read(exchange.getRequest(), MAX_BODY)
                .map(body -> JsonBodies.nonEmptyObject(json, body, "at least a name"))
                .flatMap(body -> authorised(JsonBodies.text(body, "name"), body))
                .flatMap(body -> pacticipants.saveApplication(JsonBodies.text(body, "name"), update(body)))
                .map(application -> Hal.status(HttpStatus.CREATED,
                        PacticipantViews.pacticipant(Links.of(exchange), application, null)));
    }

    @PatchMapping({"/pacticipants/{name}", "/applications/{name}"})
    Mono<ResponseEntity<Map<String, Object>>> patch(@PathVariable String name, ServerWebExchange exchange) {
        return save(name, exchange);
    }

    @PutMapping({"/pacticipants/{name}", "/applications/{name}"})
    Mono<ResponseEntity<Map<String, Object>>> save(@PathVariable String name, ServerWebExchange exchange) {
        return Bodies.read(exchange.getRequest(), MAX_BODY)
                .map(body -> JsonBodies.object(json, body))
                .flatMap(body -> authorised(name, body))
                .flatMap(body -> pacticipants.application(name).hasElement()
                        .flatMap(existed -> pacticipants.saveApplication(name, update(body))
                                .map(application -> Hal.status(existed ? HttpStatus.OK : HttpStatus.CREATED,
                                        PacticipantViews.pacticipant(Links.of(exchange), application, null)))));
    }

    /**
     * An application's versions, newest first, a page at a time as the Pact Broker serves them: {@code page} and
     * {@code size} (or the older {@code pageNumber} and {@code pageSize}), 1 and 100 by default, with {@code page}
     * and {@code next}/{@code previous} links. Reads the versions of the page only. {@code totalElements} counts the
     * versions ever listed (removed ones too), so a page can hold fewer than {@code size}.
     */
    @GetMapping("/pacticipants/{name}/versions")
    Mono<ResponseEntity<Map<String, Object>>> versions(@PathVariable String name, ServerWebExchange exchange) {
        Links links = Links.of(exchange);
        var query = exchange.getRequest().getQueryParams();
        long number = whole(query.getFirst("page"), query.getFirst("pageNumber"), "page", 1, Long.MAX_VALUE / MAX_PAGE_SIZE, 1);
        int size = (int) whole(query.getFirst("size"), query.getFirst("pageSize"), "size", 1, MAX_PAGE_SIZE, 100);
        String self = links.href("pacticipants", name, "versions");
        return pacticipants.requireApplication(name)
                .then(pacticipants.versionPage(name, number, size))
                .flatMap(page -> Flux.fromIterable(page.versions())
                        // Each item with the relations other features add (pb:record-deployment, pb:record-release),
                        // as the Pact Broker's version list has them.
                        .concatMap(version -> versionView(links, version))
                        .collectList()
                        .map(items -> {
                            long pages = (page.listed() + size - 1) / size;
                            Map<String, Object> linkMap = new LinkedHashMap<>();
                            linkMap.put("self", Links.link(self));
                            if (number < pages) {
                                linkMap.put("next", Map.of("href", self + "?size=" + size + "&page=" + (number + 1),
                                        "title", "Next page"));
                            }
                            if (number > 1) {
                                linkMap.put("previous", Map.of("href", self + "?size=" + size + "&page=" + (number - 1),
                                        "title", "Previous page"));
                            }
                            Map<String, Object> body = new LinkedHashMap<>();
                            body.put("_embedded", Map.of("versions", items));
                            body.put("page", Map.of("number", number, "size", size, "totalElements", page.listed(),
                                    "totalPages", pages));
                            body.put("_links", linkMap);
                            return Hal.ok(body);
                        }));
    }

    /** A whole-number query parameter (its older name as the fallback) within bounds; absent: the default. */
    private static long whole(String value, String legacy, String field, long min, long max, long absent) {
        String given = value != null ? value : legacy;
        if (given == null || given.isBlank()) {
            return absent;
        }
        try {
            long parsed = Long.parseLong(given.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException(field, field + " must be a whole number from " + min + " to " + max);
    }

    @GetMapping("/pacticipants/{name}/versions/{version}")
    Mono<ResponseEntity<Map<String, Object>>> version(@PathVariable String name, @PathVariable String version,
            ServerWebExchange exchange) {
        return pacticipants.requireVersion(name, version)
                .flatMap(found -> versionView(Links.of(exchange), found))
                .map(Hal::ok);
    }

    @PutMapping("/pacticipants/{name}/versions/{version}")
    Mono<ResponseEntity<Map<String, Object>>> saveVersion(@PathVariable String name, @PathVariable String version,
            ServerWebExchange exchange) {
        return Bodies.read(exchange.getRequest(), MAX_BODY)
                .map(body -> JsonBodies.object(json, body))
                .flatMap(body -> authorisedVersion(name, version, JsonBodies.text(body, "branch"), null).thenReturn(body))
                .flatMap(body -> pacticipants.version(name, version).hasElement()
                        .flatMap(existed -> pacticipants.ensureVersion(name, version, JsonBodies.text(body, "branch"), null,
                                        JsonBodies.text(body, "buildUrl"))
                                .flatMap(saved -> versionView(Links.of(exchange), saved))
                                .map(view -> Hal.status(existed ? HttpStatus.OK : HttpStatus.CREATED, view))));
    }

    @GetMapping({"/pacticipants/{name}/latest-version", "/pacticipants/{name}/latest-version/{tag}"})
    Mono<ResponseEntity<Map<String, Object>>> latest(@PathVariable String name,
            @PathVariable(required = false) String tag, ServerWebExchange exchange) {
        return pacticipants.latestVersion(name, tag)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No " + (tag == null ? "" : "'" + tag + "' ")
                        + "version of application '" + name + "'")))
                .flatMap(found -> versionView(Links.of(exchange), found))
                .map(Hal::ok);
    }

    @PutMapping("/pacticipants/{name}/versions/{version}/tags/{tag}")
    Mono<ResponseEntity<Map<String, Object>>> tag(@PathVariable String name, @PathVariable String version,
            @PathVariable String tag, ServerWebExchange exchange) {
        return authorisedVersion(name, version, null, tag)
                .then(pacticipants.version(name, version))
                .flatMap(found -> Mono.just(found.tags().contains(tag)))
                .defaultIfEmpty(false)
                .flatMap(existed -> pacticipants.addTag(name, version, tag)
                        .map(saved -> Hal.status(existed ? HttpStatus.OK : HttpStatus.CREATED,
                                PacticipantViews.tag(Links.of(exchange), saved, tag))));
    }

    @GetMapping("/pacticipants/{name}/versions/{version}/tags/{tag}")
    Mono<ResponseEntity<Map<String, Object>>> showTag(@PathVariable String name, @PathVariable String version,
            @PathVariable String tag, ServerWebExchange exchange) {
        return pacticipants.requireVersion(name, version)
                .filter(found -> found.tags().contains(tag))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No tag '" + tag + "' on " + name + " version " + version)))
                .map(found -> Hal.ok(PacticipantViews.tag(Links.of(exchange), found, tag)));
    }

    @GetMapping("/pacticipants/{name}/branches")
    Mono<ResponseEntity<Map<String, Object>>> branches(@PathVariable String name, ServerWebExchange exchange) {
        Links links = Links.of(exchange);
        return pacticipants.requireApplication(name)
                .thenMany(pacticipants.branches(name))
                .map(branch -> PacticipantViews.branch(links, branch))
                .collectList()
                .map(items -> Hal.collection("branches", items, links.href("pacticipants", name, "branches")));
    }

    @GetMapping("/pacticipants/{name}/branches/{branch}")
    Mono<ResponseEntity<Map<String, Object>>> branch(@PathVariable String name, @PathVariable String branch,
            ServerWebExchange exchange) {
        return pacticipants.branch(name, branch)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No branch '" + branch + "' of application '" + name + "'")))
                .map(found -> Hal.ok(PacticipantViews.branch(Links.of(exchange), found)));
    }

    @DeleteMapping("/pacticipants/{name}/branches/{branch}")
    Mono<ResponseEntity<Void>> deleteBranch(@PathVariable String name, @PathVariable String branch) {
        return pacticipants.deleteBranch(name, branch).thenReturn(ResponseEntity.noContent().build());
    }

    @PutMapping("/pacticipants/{name}/branches/{branch}/versions/{version}")
    Mono<ResponseEntity<Map<String, Object>>> branchVersion(@PathVariable String name, @PathVariable String branch,
            @PathVariable String version, ServerWebExchange exchange) {
        return authorisedVersion(name, version, branch, null)
                .then(pacticipants.addBranchVersion(name, branch, version))
                .map(saved -> Hal.ok(PacticipantViews.branchVersion(Links.of(exchange), saved, branch)));
    }

    /** A version resource with the relations other features contribute (record-deployment, …). */
    private Mono<Map<String, Object>> versionView(Links links, Version version) {
        return Flux.fromIterable(linkContributors)
                .concatMap(contributor -> contributor.links(links, version))
                .reduce(new LinkedHashMap<String, Object>(), PacticipantController::merge)
                .map(extra -> PacticipantViews.version(links, version, extra));
    }

    private static LinkedHashMap<String, Object> merge(LinkedHashMap<String, Object> all, Map<String, Object> more) {
        all.putAll(more);
        return all;
    }

    /**
     * Branch names with unencoded slashes ({@code feat/x}): some clients expand the templated branch links
     * without encoding, so the rest of the path is taken apart here ({@code <branch>[/versions/<version>]}).
     */
    @GetMapping("/pacticipants/{name}/branches/{*rest}")
    Mono<ResponseEntity<Map<String, Object>>> branchWithSlashes(@PathVariable String name, @PathVariable String rest,
            ServerWebExchange exchange) {
        return branch(name, rest.substring(1), exchange);
    }

    @DeleteMapping("/pacticipants/{name}/branches/{*rest}")
    Mono<ResponseEntity<Void>> deleteBranchWithSlashes(@PathVariable String name, @PathVariable String rest) {
        return deleteBranch(name, rest.substring(1));
    }

    @PutMapping("/pacticipants/{name}/branches/{*rest}")
    Mono<ResponseEntity<Map<String, Object>>> branchVersionWithSlashes(@PathVariable String name,
            @PathVariable String rest, ServerWebExchange exchange) {
        int marker = rest.lastIndexOf("/versions/");
        if (marker <= 0) {
            throw new NotFoundException("No such resource: /pacticipants/" + name + "/branches" + rest);
        }
        return branchVersion(name, rest.substring(1, marker), rest.substring(marker + "/versions/".length()), exchange);
    }



    /**
     * Valid, then authorised, before anything is written: a publisher may write its team's (or an unowned, then
     * claimed) application, and assign it to its own team only.
     */
    private Mono<JsonNode> authorised(String name, JsonNode body) {
        return Mono.fromRunnable(() -> validate(name, body))
                .then(ownership.requireCallerMayAssign(JsonBodies.text(body, "team")))
                .then(ownership.requireCallerMayWrite(name))
                .thenReturn(body);
    }

    private static void validate(String name, JsonNode body) {
        Names.require("name", name);
        String mainBranch = JsonBodies.text(body, "mainBranch");
        if (mainBranch != null) {
            Names.require("mainBranch", mainBranch);
        }
    }

    /** The version's names valid, then the caller may write for the application (claiming it if unowned). */
    private Mono<Void> authorisedVersion(String name, String version, String branch, String tag) {
        return Mono.fromRunnable(() -> {
            Names.require("pacticipant", name);
            Pacticipants.validateVersion(version, branch, null);
            if (tag != null) {
                Names.require("tag", tag);
            }
        }).then(ownership.requireCallerMayWrite(name));
    }

    /** {@code repositoryUrl}, or {@code repository_url} as the Pact Broker's Ruby client sends it. */
    private static String repositoryUrl(JsonNode body) {
        String camel = JsonBodies.text(body, "repositoryUrl");
        return camel != null ? camel : JsonBodies.text(body, "repository_url");
    }

    private static ApplicationUpdate update(JsonNode body) {
        return new ApplicationUpdate(JsonBodies.text(body, "displayName"), JsonBodies.text(body, "team"), repositoryUrl(body),
                JsonBodies.text(body, "mainBranch"));
    }

}
