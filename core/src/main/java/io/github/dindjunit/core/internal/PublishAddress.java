package io.github.dindjunit.core.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Chooses the host address on which the engine publishes the daemon's port.
 *
 * <p>When the engine is reached through a local socket, it runs on this machine (or, with {@code /.dockerenv},
 * on the machine that hosts this container), so the port is published only on the address that the client
 * dials: {@code 127.0.0.1} when Testcontainers reports {@code localhost}, the bridge gateway when it reports
 * that. Other hosts on the network then cannot reach the daemon at all. A remote engine (a {@code tcp://}
 * URI) publishes on all its interfaces, because the client dials it from another machine.
 */
public final class PublishAddress {

    private PublishAddress() {
    }

    /**
     * Returns the address to publish on, or empty to leave it to the engine.
     *
     * @param engine the URI through which Testcontainers reaches the engine
     * @param reportedHost the host that Testcontainers reports for mapped ports
     */
    public static Optional<String> choose(URI engine, String reportedHost) {
        String scheme = String.valueOf(engine.getScheme());
        if (!scheme.equals("unix") && !scheme.equals("npipe")) {
            return Optional.empty();
        }
        try {
            // Only literals and names with a local answer are resolved, so this sends no DNS query elsewhere in
            // the usual cases: "localhost", an IPv4 or an IPv6 literal.
            InetAddress address = InetAddress.getByName(reportedHost);
            return Optional.of(address.getHostAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
