package dev.covenant.registry.ui.pages;

import dev.covenant.registry.environments.Environment;
import dev.covenant.registry.environments.Environments;
import dev.covenant.registry.matrix.CanIDeploy;
import dev.covenant.registry.pacticipants.Application;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.ui.view.MatrixView;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;

/** The matrix and can-i-deploy for one version and (optionally) an environment, as a form. */
@Controller
class MatrixPages {

    private final Pacticipants pacticipants;
    private final Environments environments;
    private final CanIDeploy canIDeploy;

    MatrixPages(Pacticipants pacticipants, Environments environments, CanIDeploy canIDeploy) {
        this.pacticipants = pacticipants;
        this.environments = environments;
        this.canIDeploy = canIDeploy;
    }

    /**
     * The form, and the answer once an application is chosen. Without an {@code environment} parameter (a link from
     * the application page) it asks about the production environment when one exists; an empty one (the form's
     * "latest of each integration") asks about no environment.
     */
    @GetMapping("/ui/matrix")
    Mono<Rendering> matrix(@RequestParam(required = false) String application,
            @RequestParam(required = false) String version, @RequestParam(name = "environment", required = false) String requested) {
        return environments.all().collectList()
                .flatMap(all -> matrix(application, version, requested != null ? requested : all.stream()
                        .filter(Environment::production)
                        .map(Environment::name)
                        .min(java.util.Comparator.comparing((String name) -> !name.equals("production"))
                                .thenComparing(java.util.Comparator.naturalOrder()))
                        .orElse(null), all.stream().map(Environment::name).toList()));
    }

    private Mono<Rendering> matrix(String application, String version, String environment, List<String> names) {
        Mono<Rendering.Builder<?>> form = pacticipants.applications().map(Application::name)
                .sort(String.CASE_INSENSITIVE_ORDER).collectList()
                .map(applications -> Rendering.view("ui/matrix")
                        .modelAttribute("applications", applications)
                        .modelAttribute("environments", names)
                        .modelAttribute("appName", application == null ? "" : application)
                        .modelAttribute("version", version == null ? "" : version)
                        .modelAttribute("environment", environment == null ? "" : environment));
        if (application == null || application.isBlank()) {
            return form.map(Rendering.Builder::build);
        }
        return form.flatMap(page -> resolveVersion(application, version)
                .flatMap(number -> canIDeploy.check(application, number, environment)
                        .map(answer -> page.modelAttribute("answer", MatrixView.of(answer))
                                .modelAttribute("checkedVersion", number).build()))
                .onErrorResume(InvalidRequestException.class, e -> Mono.just(page.modelAttribute("problem",
                        e.getMessage()).build()))
                .switchIfEmpty(Mono.fromSupplier(() -> page.modelAttribute("problem", application
                        + " has no versions yet").build())));
    }

    private Mono<String> resolveVersion(String application, String version) {
        if (version != null && !version.isBlank()) {
            return Mono.just(version.strip());
        }
        return pacticipants.application(application).mapNotNull(Application::latestVersion);
    }
}
