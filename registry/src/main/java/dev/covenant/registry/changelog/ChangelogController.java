package dev.covenant.registry.changelog;

import dev.covenant.contract.diff.Changelog;
import dev.covenant.registry.system.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** An application's changelog between two versions (JSON or markdown) and its timeline of versions. */
@RestController
class ChangelogController {

    static final MediaType MARKDOWN = MediaType.parseMediaType("text/markdown;charset=UTF-8");

    private final Changelogs changelogs;

    ChangelogController(Changelogs changelogs) {
        this.changelogs = changelogs;
    }

    @GetMapping(path = "/applications/{application}/changelog", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Changelog> json(@PathVariable String application, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return Mono.fromRunnable(() -> requireVersions(from, to))
                .then(changelogs.between(application, from, to));
    }

    @GetMapping(path = "/applications/{application}/changelog", produces = "text/markdown")
    Mono<ResponseEntity<String>> markdown(@PathVariable String application, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return Mono.fromRunnable(() -> requireVersions(from, to))
                .then(changelogs.between(application, from, to))
                .map(changelog -> changelog.markdown(application + ": changes from " + from + " to " + to))
                .map(text -> ResponseEntity.ok().contentType(MARKDOWN).body(text));
    }

    @GetMapping(path = "/applications/{application}/timeline", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> timeline(@PathVariable String application,
            @RequestParam(required = false) String limit) {
        return Mono.fromCallable(() -> limit(limit))
                .flatMap(size -> changelogs.timeline(application, size))
                .map(entries -> view(application, entries));
    }

    private static Map<String, Object> view(String application, List<TimelineEntry> entries) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("application", application);
        view.put("versions", entries.stream().map(ChangelogController::entry).toList());
        return view;
    }

    private static Map<String, Object> entry(TimelineEntry entry) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("version", entry.version());
        view.put("branch", entry.branch());
        view.put("apiVersion", entry.apiVersion());
        view.put("publishedAt", entry.publishedAt().toString());
        view.put("previousVersion", entry.previousVersion());
        view.put("breaking", entry.breaking());
        view.put("changes", entry.changes());
        return view;
    }

    private static void requireVersions(String from, String to) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (from == null || from.isBlank()) {
            errors.put("from", List.of("is required: the version to compare from"));
        }
        if (to == null || to.isBlank()) {
            errors.put("to", List.of("is required: the version to compare to"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return Changelogs.DEFAULT_TIMELINE;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= Changelogs.MAX_TIMELINE) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("limit", "must be a whole number from 1 to " + Changelogs.MAX_TIMELINE
                + "; got '" + limit + "'");
    }
}
