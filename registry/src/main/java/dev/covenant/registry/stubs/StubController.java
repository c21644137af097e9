package dev.covenant.registry.stubs;

import dev.covenant.contract.stub.StubRequest;
import dev.covenant.contract.stub.StubResponse;
import dev.covenant.registry.specs.ProviderContracts;
import dev.covenant.registry.system.Bodies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code /stubs/{application}/{ref}/{path…}}: any method, answered by the stub of the document {@code ref} selects. */
@RestController
class StubController {

    private final StubDocuments documents;
    private final ProviderContracts contracts;

    StubController(StubDocuments documents, ProviderContracts contracts) {
        this.documents = documents;
        this.contracts = contracts;
    }

    @RequestMapping({"/stubs/{application}/{ref}", "/stubs/{application}/{ref}/**"})
    Mono<ResponseEntity<byte[]>> stub(@PathVariable String application, @PathVariable String ref,
                                      ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String path = below(request.getPath().pathWithinApplication().value());
        return Bodies.read(request, contracts.maxDocumentBytes())
                .zipWith(documents.engine(application, ref))
                .flatMap(loaded -> documents.offLoop(() -> loaded.getT2().handle(
                        stubRequest(request, path, loaded.getT1()))))
                .map(StubController::entity);
    }

    /** The document a stub of {@code ref} serves, as normalized JSON: {@code covenant stub --registry} runs it locally. */
    @org.springframework.web.bind.annotation.GetMapping("/applications/{application}/stub-documents/{ref}")
    Mono<ResponseEntity<byte[]>> document(@PathVariable String application, @PathVariable String ref) {
        return documents.normalized(application, ref)
                .map(json -> ResponseEntity.ok().contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .body(json));
    }

    /** The path below {@code /stubs/{application}/{ref}}, still encoded as the client sent it. */
    static String below(String raw) {
        int slash = 0;
        for (int i = 0; i < 4; i++) {
            slash = raw.indexOf('/', slash + (i == 0 ? 0 : 1));
            if (slash < 0) {
                return "/";
            }
        }
        return raw.substring(slash);
    }

    private static StubRequest stubRequest(ServerHttpRequest request, String path, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        Map<String, List<String>> query = new LinkedHashMap<>(request.getQueryParams());
        return new StubRequest(request.getMethod().name(), path.isEmpty() ? "/" : path, query, headers, body);
    }

    private static ResponseEntity<byte[]> entity(StubResponse response) {
        HttpHeaders headers = new HttpHeaders();
        response.headers().forEach(headers::set);
        return ResponseEntity.status(response.status()).headers(headers).body(response.body());
    }
}
