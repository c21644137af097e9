package dev.covenant.registry.ui.pages;

import dev.covenant.registry.changelog.Changelogs;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;

/** An application's changelog page: its newest versions, each with its changes, breaking ones first. */
@Controller
class ChangelogPages {

    private final Changelogs changelogs;

    ChangelogPages(Changelogs changelogs) {
        this.changelogs = changelogs;
    }

    @GetMapping("/ui/applications/{name}/changelog")
    Mono<Rendering> changelog(@PathVariable String name) {
        return changelogs.timeline(name, Changelogs.DEFAULT_TIMELINE)
                .map(entries -> Rendering.view("ui/changelog")
                        .modelAttribute("appName", name)
                        .modelAttribute("timeline", entries)
                        .modelAttribute("limit", Changelogs.DEFAULT_TIMELINE)
                        .build());
    }
}
