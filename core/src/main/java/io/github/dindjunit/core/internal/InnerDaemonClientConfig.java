package io.github.dindjunit.core.internal;

import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.AuthConfigurations;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.core.SSLConfig;
import com.github.dockerjava.core.NameParser;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    /** The names under which Docker Hub credentials may be given; docker-java resolves Hub images to the first. */
    private static final List<String> DOCKER_HUB_NAMES =
            List.of(AuthConfig.DEFAULT_SERVER_ADDRESS, "docker.io", "index.docker.io", "registry-1.docker.io");

    private final URI dockerHost;
    private final SSLContext sslContext;
    private final Map<String, AuthConfig> registryAuth;

    InnerDaemonClientConfig(URI dockerHost, SSLContext sslContext) {
        this(dockerHost, sslContext, Map.of());
    }

    InnerDaemonClientConfig(URI dockerHost, SSLContext sslContext, Map<String, AuthConfig> registryAuth) {
        this.dockerHost = dockerHost;
        this.sslContext = sslContext;
        this.registryAuth = Map.copyOf(registryAuth);
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
        if (imageName == null || registryAuth.isEmpty()) {
            return null;
        }
        String registry = NameParser.resolveRepositoryName(imageName).hostname;
        AuthConfig auth = registryAuth.get(registry);
        if (auth == null && DOCKER_HUB_NAMES.contains(registry)) {
            auth = DOCKER_HUB_NAMES.stream().map(registryAuth::get).filter(Objects::nonNull).findFirst().orElse(null);
        }
        return auth;
    }

    @Override
    public AuthConfigurations getAuthConfigurations() {
        AuthConfigurations configurations = new AuthConfigurations();
        registryAuth.values().forEach(configurations::addConfig);
        return configurations;
    }

    @Override
    public SSLConfig getSSLConfig() {
        return () -> sslContext;
    }
}
