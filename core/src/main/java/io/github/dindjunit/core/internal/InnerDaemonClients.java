package io.github.dindjunit.core.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import com.github.dockerjava.api.model.AuthConfig;
import java.net.URI;
import java.util.Map;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** Builds docker-java clients for a DinD daemon from its endpoint and SSL context alone. */
public final class InnerDaemonClients {

    /**
     * How long a client waits for a TCP connection. Short, because the daemon is on this host or next to it,
     * and because readiness polling must not stall on one attempt.
     */
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    private InnerDaemonClients() {
    }

    /**
     * Builds a client that verifies the daemon's certificate, including its host name, and presents the client
     * certificate of the given context.
     *
     * @param endpoint the daemon's {@code tcp://host:port} address
     * @param sslContext the context from {@link TlsMaterial#clientSslContext()}
     * @return a new client; the caller closes it
     */
    public static DockerClient create(URI endpoint, SSLContext sslContext) {
        return create(endpoint, sslContext, Map.of());
    }

    /**
     * Builds a client like {@link #create(URI, SSLContext)} that also sends credentials when it pulls from the
     * given registries.
     *
     * @param endpoint the daemon's {@code tcp://host:port} address
     * @param sslContext the context from {@link TlsMaterial#clientSslContext()}
     * @param registryAuth the credentials per registry host ({@code registry.test:5000}, {@code docker.io})
     * @return a new client; the caller closes it
     */
    public static DockerClient create(URI endpoint, SSLContext sslContext, Map<String, AuthConfig> registryAuth) {
        InnerDaemonClientConfig config = new InnerDaemonClientConfig(endpoint, sslContext, registryAuth);
        DockerHttpClient httpClient = new ZerodepDockerHttpClient.Builder()
                .dockerHost(endpoint)
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECTION_TIMEOUT)
                // Without a response timeout the connection keeps the connection timeout as its read timeout after
                // the TLS handshake (seen with zerodep 3.7.1), and calls that take longer than that, such as a
                // stop with a grace period or a large image load, fail with "Read timed out". Zero means no read
                // timeout, as in docker-java's and Testcontainers' own clients.
                .responseTimeout(Duration.ZERO)
                .build();
        return DockerClientImpl.getInstance(config, httpClient);
    }
}
