package dev.covenant.registry.storage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * Who is at the other end of a loopback TCP connection: on Linux the kernel lists every TCP socket of the network
 * namespace with its owner's user id in {@code /proc/net/tcp} and {@code /proc/net/tcp6}. Lets the embedded store
 * admit only processes of the registry's own user, as owner-only permissions on a Unix socket would (the
 * reactive MongoDB driver cannot connect over a Unix socket; see {@code docs/operations.md}).
 */
final class LocalPeers {

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private final OptionalInt ownUid;

    private LocalPeers(OptionalInt ownUid) {
        this.ownUid = ownUid;
    }

    /** The peers of this process's user; unavailable (empty) where the kernel does not list sockets this way. */
    static LocalPeers ofThisUser() {
        try {
            if (TABLES.stream().noneMatch(Files::isReadable)) {
                return new LocalPeers(OptionalInt.empty());
            }
            return new LocalPeers(OptionalInt.of((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return new LocalPeers(OptionalInt.empty());
        }
    }

    /** False where the owner of a connection cannot be found out (not Linux). */
    boolean checks() {
        return ownUid.isPresent();
    }

    /** True when the client socket connected to {@code serverPort} from {@code client} belongs to this user. */
    boolean sameUser(InetSocketAddress client, int serverPort) {
        if (ownUid.isEmpty()) {
            return true;
        }
        OptionalInt owner = owner(client.getPort(), serverPort);
        return owner.isPresent() && owner.getAsInt() == ownUid.getAsInt();
    }

    /** The uid owning the socket whose local port is {@code clientPort} and remote port {@code serverPort}. */
    static OptionalInt owner(int clientPort, int serverPort) {
        for (Path table : TABLES) {
            try {
                for (String line : Files.readAllLines(table)) {
                    OptionalInt uid = ownerIn(line, clientPort, serverPort);
                    if (uid.isPresent()) {
                        return uid;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a missing table (no IPv6) or an unreadable line: look in the other one
            }
        }
        return OptionalInt.empty();
    }

    /** One line of the table: {@code sl local_address rem_address st queues tr tm retrnsmt uid …}, ports in hex. */
    static OptionalInt ownerIn(String line, int clientPort, int serverPort) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length < 8 || !fields[0].endsWith(":")) {
            return OptionalInt.empty();
        }
        if (port(fields[1]) != clientPort || port(fields[2]) != serverPort) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(fields[7]));
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
    }
}
