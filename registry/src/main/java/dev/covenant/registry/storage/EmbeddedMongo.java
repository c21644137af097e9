package dev.covenant.registry.storage;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process MongoDB-wire server (mongo-java-server, H2 file backend) used when no MongoDB URI is set,
 * so that one command starts a working registry. Reached over loopback through the real driver.
 */
final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    private final H2Backend backend;
    private final MongoServer server;
    private final InetSocketAddress address;

    EmbeddedMongo(String dataDir) {
        Path dir = Path.of(dataDir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + dir
                    + "; set COVENANT_DATA_DIR to a writable folder", e);
        }
        Path file = dir.resolve("covenant.mv");
        this.backend = new H2Backend(file.toString());
        this.server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        this.address = server.getLocalAddress();
        log.info("Embedded MongoDB-wire server on {} with data in {}; set COVENANT_MONGODB_URI to use a real MongoDB",
                address, file);
    }

    String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    @Override
    public void close() {
        server.shutdown();
        backend.close();
        log.info("Embedded MongoDB-wire server stopped; data flushed");
    }
}
