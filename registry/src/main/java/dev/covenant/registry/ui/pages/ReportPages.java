package dev.covenant.registry.ui.pages;

import dev.covenant.registry.system.NotFoundException;
import dev.covenant.registry.ui.model.ActivityReader;
import dev.covenant.registry.ui.view.ReportView;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;

/** A compatibility report as a page: the link a notification carries opens here in a browser. */
@Controller
class ReportPages {

    private final ActivityReader activity;

    ReportPages(ActivityReader activity) {
        this.activity = activity;
    }

    @GetMapping("/ui/reports/{id}")
    Mono<Rendering> report(@PathVariable String id) {
        return activity.report(id)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No compatibility report with id '" + id + "'")))
                .map(ReportView::of)
                .map(view -> Rendering.view("ui/report").modelAttribute("report", view).build());
    }
}
