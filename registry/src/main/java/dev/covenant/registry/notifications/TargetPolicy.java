package dev.covenant.registry.notifications;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Where webhook requests may go: https only unless plain http is allowed, hosts on the allow-list (when one is
 * configured), and — unless private addresses are allowed — no address of the host may be loopback, private,
 * link-local, multicast, unique-local or the wildcard, so a webhook cannot be aimed at the registry's own network.
 */
@Component
public class TargetPolicy {

    private final NotificationsProperties properties;

    TargetPolicy(NotificationsProperties properties) {
        this.properties = properties;
    }

    /** Checks what can be checked without DNS (scheme, host, allow-list); throws {@link RefusedTarget}. */
    public URI checkUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new RefusedTarget("'" + url + "' is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && properties.allowHttp())) {
            throw new RefusedTarget(properties.allowHttp() ? "the URL must use http or https"
                    : "the URL must use https (plain http is off; set covenant.notifications.allow-http=true to allow it)");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new RefusedTarget("the URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedTarget("the URL must not carry credentials; use the webhook's username and password");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!properties.allowedHosts().isEmpty() && properties.allowedHosts().stream().noneMatch(allowed -> matches(allowed, host))) {
            throw new RefusedTarget("host " + host + " is not in covenant.notifications.allowed-hosts");
        }
        return uri;
    }

    /** Resolves the host and checks every address; blocking (DNS), so call it off the event loop. */
    public List<InetAddress> checkAddresses(URI uri) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("cannot resolve host " + uri.getHost());
        }
        if (!properties.allowPrivateAddresses()) {
            for (InetAddress address : addresses) {
                if (internal(address)) {
                    throw new RefusedTarget("host " + uri.getHost() + " resolves to " + address.getHostAddress()
                            + ", a loopback, private or link-local address (set "
                            + "covenant.notifications.allow-private-addresses=true to allow it)");
                }
            }
        }
        return List.of(addresses);
    }

    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc; // fc00::/7
            boolean mappedV4 = bytes.length == 16 && isV4Mapped(bytes);
            if (mappedV4) {
                try {
                    return internal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return uniqueLocal;
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return first == 0 // "this network"
                || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT 100.64/10
                || (first == 169 && second == 254) // link-local, cloud metadata
                || first >= 240; // reserved and broadcast
    }

    private static boolean isV4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }

    private static boolean matches(String allowed, String host) {
        if (allowed.startsWith("*.")) {
            return host.endsWith(allowed.substring(1));
        }
        return allowed.equals(host);
    }

    /** A target the configuration does not allow; delivering to it again cannot succeed. */
    public static class RefusedTarget extends dev.covenant.registry.events.PermanentJobFailure {
        public RefusedTarget(String message) {
            super("refused: " + message);
        }
    }
}
