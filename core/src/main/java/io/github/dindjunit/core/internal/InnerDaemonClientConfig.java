package io.github.dindjunit.core.internal;

import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.AuthConfigurations;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.core.SSLConfig;
import java.net.URI;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * docker-java settings for a DinD daemon, made only from its endpoint and TLS material.
 *
 * <p>docker-java's {@code DefaultDockerClientConfig} reads {@code DOCKER_HOST}, {@code DOCKER_TLS_VERIFY},
 * {@code DOCKER_CERT_PATH}, {@code ~/.docker-java.properties} and {@code ~/.docker/config.json}. Those describe
 * the engine that runs the DinD container, not the daemon inside it, so this class reads none of them.
 */
final class InnerDaemonClientConfig implements DockerClientConfig {

    private final URI dockerHost;
    private final SSLContext sslContext;

    InnerDaemonClientConfig(URI dockerHost, SSLContext sslContext) {
        this.dockerHost = dockerHost;
        this.sslContext = sslContext;
    }

    @Override
    public URI getDockerHost() {
        return dockerHost;
    }

    /** Leaves the API version to the daemon, so that daemons with a raised minimum version accept the client. */
    @Override
    public RemoteApiVersion getApiVersion() {
        return RemoteApiVersion.unknown();
    }

    @Override
    public @Nullable String getRegistryUsername() {
        return null;
    }

    @Override
    public @Nullable String getRegistryPassword() {
        return null;
    }

    @Override
    public @Nullable String getRegistryEmail() {
        return null;
    }

    @Override
    public @Nullable String getRegistryUrl() {
        return null;
    }

    @Override
    public @Nullable AuthConfig effectiveAuthConfig(@Nullable String imageName) {
        return null;
    }

    @Override
    public AuthConfigurations getAuthConfigurations() {
        return new AuthConfigurations();
    }

    @Override
    public SSLConfig getSSLConfig() {
        return () -> sslContext;
    }
}
