package io.github.dindjunit.core;

import com.github.dockerjava.api.model.AuthConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** Applies the {@link DaemonOptions} that are container settings rather than {@code dockerd} flags. */
final class DaemonOptionsSupport {

    /** The alias a DinD container gets on a network unless it is given aliases of its own. */
    static final String DEFAULT_NETWORK_ALIAS = "docker";

    /** The prefix of the alias that Testcontainers gives every container on a network. */
    private static final String GENERATED_ALIAS_PREFIX = "tc-";

    private DaemonOptionsSupport() {
    }

    /** Sets the environment, tmpfs and network alias that the options and the network call for. */
    static void configure(DinDContainer container, DaemonOptions options) {
        if (options.iptablesLegacy()) {
            container.withEnv("DOCKER_IPTABLES_LEGACY", "1");
        }
        if (options.dataDirectory() == DaemonOptions.DataDirectory.TMPFS) {
            // exec and dev: the inner daemon runs binaries from its layers and creates device nodes in them.
            container.withTmpFs(Map.of("/var/lib/docker", "rw,exec,dev,suid"));
        }
        for (int i = 0; i < options.innerPorts(); i++) {
            container.addExposedPort(InnerContainers.FIRST_INNER_PORT + i);
        }
        boolean onlyGeneratedAliases = container.getNetworkAliases().stream()
                .allMatch(alias -> alias.startsWith(GENERATED_ALIAS_PREFIX));
        if (container.getNetwork() != null && onlyGeneratedAliases) {
            container.withNetworkAliases(DEFAULT_NETWORK_ALIAS);
        }
    }

    /** Returns the docker-java auth configuration of each registry that has credentials. */
    static Map<String, AuthConfig> authConfigs(DaemonOptions options) {
        Map<String, AuthConfig> configs = new LinkedHashMap<>();
        for (String registry : options.credentialRegistries()) {
            String[] credentials = options.credentialsFor(registry);
            configs.put(registry, new AuthConfig()
                    .withRegistryAddress(registry)
                    .withUsername(credentials[0])
                    .withPassword(credentials[1]));
        }
        return configs;
    }
}
