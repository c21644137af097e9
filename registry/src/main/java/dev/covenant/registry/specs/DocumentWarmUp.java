package dev.covenant.registry.specs;

import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.openapi.ParsedDocument;
import dev.covenant.contract.openapi.Validation;
import dev.covenant.registry.engine.EngineGateway;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once the registry is ready, runs the publish path's CPU work (read, structural check, canonical form, hash)
 * on the registry's own description a few times, on one low-priority background thread. A first publish of a
 * large document otherwise pays for loading and compiling that code: measured on 2 cores, the JIT compiler
 * threads took 2.4 s of the 4.4 s of CPU of a cold 11 MB publish. Runs: {@code covenant.specs.warm-up-runs}.
 */
@Component
class DocumentWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentWarmUp.class);

    private final SpecsProperties properties;
    private final EngineGateway engine;

    DocumentWarmUp(SpecsProperties properties, EngineGateway engine) {
        this.properties = properties;
        this.engine = engine;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (properties.warmUpRuns() <= 0) {
            return;
        }
        Thread thread = new Thread(this::run, "document-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private void run() {
        try (InputStream in = DocumentWarmUp.class.getResourceAsStream("/static/openapi.yaml")) {
            if (in == null) {
                return;
            }
            long start = System.nanoTime();
            byte[] json = engine.parseNow(in.readAllBytes(), Validation.NONE).canonicalJson();
            for (int i = 0; i < properties.warmUpRuns(); i++) {
                ParsedDocument read = engine.parseNow(json, Validation.NONE);
                engine.structuralProblemsNow(read, json, Validation.LENIENT);
                OpenApiDocuments.sha256(read.canonicalJson());
            }
            LOG.info("Document reader warmed up: {} runs in {} ms", properties.warmUpRuns(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            // only a first publish is slower without it
            LOG.warn("Warming up the document reader failed ({}); the first publish will be slower, nothing else "
                    + "is affected. Set covenant.specs.warm-up-runs=0 to skip it.", e.toString());
        }
    }
}
