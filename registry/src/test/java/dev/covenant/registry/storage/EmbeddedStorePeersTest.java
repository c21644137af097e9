package dev.covenant.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * The embedded store admits only processes of the registry's own user: another user's process (started here
 * with {@code setpriv} as {@code nobody}) that sends an insert over loopback gets its connection closed and
 * changes nothing, while the same bytes from this user are answered.
 */
class EmbeddedStorePeersTest {

    @TempDir
    Path dir;

    @Test
    void readsTheOwnerOfAClientSocketFromTheKernelTable() {
        String line = "   3: 0100007F:A1B2 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        0 424242 1";
        assertThat(LocalPeers.ownerIn(line, 0xA1B2, 0x1F90)).isEqualTo(OptionalInt.of(1000));
        assertThat(LocalPeers.ownerIn(line, 0x1F90, 0xA1B2)).as("the server's end of the connection").isEmpty();
        assertThat(LocalPeers.ownerIn("  sl  local_address rem_address   st tx_queue", 1, 2)).isEmpty();
    }

    @Test
    void anotherUsersProcessCannotWriteToTheEmbeddedStore() throws Exception {
        LocalPeers peers = LocalPeers.ofThisUser();
        Assumptions.assumeTrue(peers.checks(), "Linux only");
        Assumptions.assumeTrue("0".equals(String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid")))
                && Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs root and setpriv to act as another user");

        try (EmbeddedMongo store = new EmbeddedMongo(dir.resolve("data").toString(), Durability.PROCESS);
                MongoClient client = MongoClients.create(store.connectionString())) {
            int port = URI.create(store.connectionString()).getPort();
            String insert = printfEscapes(opMsgInsert(7));

            int strangerGot = sendAs(true, port, insert);
            int ownGot = sendAs(false, port, printfEscapes(opMsgInsert(8)));

            long count = Mono.from(client.getDatabase("covenant").getCollection("items")
                    .countDocuments(new Document("_id", 7))).block(Duration.ofSeconds(10));
            long own = Mono.from(client.getDatabase("covenant").getCollection("items")
                    .countDocuments(new Document("_id", 8))).block(Duration.ofSeconds(10));
            assertThat(strangerGot).as("bytes answered to nobody").isZero();
            assertThat(count).as("nobody's insert").isZero();
            assertThat(ownGot).as("bytes answered to the registry's user").isPositive();
            assertThat(own).as("the registry user's insert").isEqualTo(1);
        }
    }

    /** Sends the bytes over loopback from bash (as {@code nobody} when asked) and counts the bytes answered. */
    static int sendAs(boolean nobody, int port, String escapedBytes) throws IOException, InterruptedException {
        String script = "exec 3<>/dev/tcp/127.0.0.1/" + port + " || exit 0; echo connected as $(id -u); printf '"
                + escapedBytes + "' >&3; timeout 5 head -c 16 <&3 | wc -c";
        ProcessBuilder builder = nobody
                ? new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                        "/bin/bash", "-c", script)
                : new ProcessBuilder("/bin/bash", "-c", script);
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("the client connected").contains("connected as " + (nobody ? "65534" : "0"));
        String last = output.lines().reduce((first, second) -> second).orElse("0").trim();
        return last.matches("\\d+") ? Integer.parseInt(last) : 0;
    }

    /** An OP_MSG {@code insert} of {@code {_id: id}} into {@code covenant.items}, as the driver would send it. */
    static byte[] opMsgInsert(int id) {
        BsonDocument command = new BsonDocument("insert", new BsonString("items"))
                .append("documents", new BsonArray(java.util.List.of(new BsonDocument("_id", new BsonInt32(id)))))
                .append("$db", new BsonString("covenant"));
        ByteBuffer body = new RawBsonDocument(command, new org.bson.codecs.BsonDocumentCodec()).getByteBuffer()
                .asNIO();
        byte[] document = new byte[body.remaining()];
        body.get(document);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(21).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(21 + document.length).putInt(1).putInt(0).putInt(2013).putInt(0).put((byte) 0);
        message.writeBytes(header.array());
        message.writeBytes(document);
        return message.toByteArray();
    }

    static String printfEscapes(byte[] bytes) {
        StringBuilder escaped = new StringBuilder();
        for (byte b : bytes) {
            escaped.append("\\x").append(HexFormat.of().toHexDigits(b));
        }
        return escaped.toString();
    }
}
