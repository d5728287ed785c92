package io.github.dindjunit.core;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.github.dindjunit.core.internal.DockerReferences;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Settings of the daemon inside a {@link DinDContainer}: images to preload, registries, MTU, extra
 * {@code dockerd} flags, the iptables backend and where {@code /var/lib/docker} lives.
 *
 * <p>Instances are immutable: every {@code with...} method returns a copy, and validates its argument at once,
 * so that a bad value fails where it is written, with a message that names it.
 *
 * <pre>{@code
 * DaemonOptions options = DaemonOptions.defaults()
 *         .withPreloadedImages("busybox:1.37")
 *         .withRegistryMirrors("https://mirror.example.com")
 *         .withDataDirectory(DaemonOptions.DataDirectory.TMPFS);
 * new DinDContainer().withDaemonOptions(options);
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class DaemonOptions {

    /** The smallest MTU an IPv4 network accepts (RFC 791 requires 68 octets; Linux needs 68 as well). */
    public static final int MIN_MTU = 68;

    /** The largest MTU Linux accepts on an interface (jumbo frames). */
    public static final int MAX_MTU = 65535;

    /** The place of {@code /var/lib/docker}, which contains the inner daemon's images, containers and volumes. */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    public enum DataDirectory {

        /** An anonymous volume on the outer engine, removed with the container. Works with every storage driver. */
        VOLUME,

        /**
         * A tmpfs in memory: faster for tests that write many layers, and gone when the container stops. It uses
         * the outer host's memory, so large images count against it.
         */
        TMPFS
    }

    /** The maximum number of inner ports of one daemon. Each one costs a port mapping on the outer engine. */
    public static final int MAX_INNER_PORTS = 100;

    /** A user name and password for one registry. */
    private record Credentials(String username, String password) {
    }

    /** The expected form of an image to preload, for messages. */
    private static final String PRELOAD_REFERENCE_FORM = "[registry[:port]/]repository[:tag], with a lower-case"
            + " repository path, such as busybox:1.37";

    /** An image ID, in full or shortened, with or without its algorithm, as {@code docker image ls} shows it. */
    private static final Pattern IMAGE_ID = Pattern.compile("(?:sha256:)?[0-9a-f]{12,64}");

    private static final DaemonOptions DEFAULTS = new DaemonOptions(List.of(), List.of(), List.of(),
            Map.of(), null, List.of(), false, DataDirectory.VOLUME, 0);

    private final List<String> preloadedImages;
    private final List<URI> registryMirrors;
    private final List<String> insecureRegistries;
    private final Map<String, Credentials> registryCredentials;
    private final @Nullable Integer mtu;
    private final List<String> daemonFlags;
    private final boolean iptablesLegacy;
    private final DataDirectory dataDirectory;
    private final int innerPorts;

    private DaemonOptions(List<String> preloadedImages, List<URI> registryMirrors, List<String> insecureRegistries,
            Map<String, Credentials> registryCredentials, @Nullable Integer mtu, List<String> daemonFlags,
            boolean iptablesLegacy, DataDirectory dataDirectory, int innerPorts) {
        this.preloadedImages = List.copyOf(preloadedImages);
        this.registryMirrors = List.copyOf(registryMirrors);
        this.insecureRegistries = List.copyOf(insecureRegistries);
        this.registryCredentials = Map.copyOf(registryCredentials);
        this.mtu = mtu;
        this.daemonFlags = List.copyOf(daemonFlags);
        this.iptablesLegacy = iptablesLegacy;
        this.dataDirectory = dataDirectory;
        this.innerPorts = innerPorts;
    }

    /** Returns options that change nothing: no preloaded images, the MTU of the container's own interface. */
    public static DaemonOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a copy that copies the given images from the engine that runs the DinD container into the inner
     * daemon before {@link DinDContainer#start()} returns. Images already in the inner daemon with the same ID
     * are skipped.
     *
     * @param images image references present on the outer engine, such as {@code busybox:1.37}; replaces any
     *     earlier list
     * @throws IllegalArgumentException if a reference is blank or does not follow Docker's reference grammar
     */
    public DaemonOptions withPreloadedImages(String... images) {
        List<String> checked = new ArrayList<>();
        for (String image : images) {
            if (image == null || image.isBlank()) {
                throw new IllegalArgumentException("Invalid image to preload '" + image
                        + "': give an image reference present on the outer engine, such as busybox:1.37");
            }
            String reference = image.strip();
            String problem = DockerReferences.imageReferenceProblem(reference);
            if (problem == null) {
                problem = preloadProblem(reference);
            }
            if (problem != null) {
                throw new IllegalArgumentException("Invalid image to preload '" + image + "': " + problem
                        + ". Expected " + PRELOAD_REFERENCE_FORM);
            }
            checked.add(reference);
        }
        return new DaemonOptions(checked, registryMirrors, insecureRegistries, registryCredentials, mtu,
                daemonFlags, iptablesLegacy, dataDirectory, innerPorts);
    }

    /**
     * Returns why a valid image reference cannot be preloaded, or {@code null} if it can. {@code docker save}
     * writes the tags of the images it saves but neither their IDs as names nor their digests, so the inner
     * daemon would get an image without the name that the test uses.
     */
    private static @Nullable String preloadProblem(String reference) {
        if (IMAGE_ID.matcher(reference).matches()) {
            return "it is an image ID, and preloading keeps only the names of an image, so the inner daemon"
                    + " would have no name for it. Give one of its names (docker image ls shows them)";
        }
        if (reference.contains("@")) {
            return "docker save and docker load keep an image's tags but not its digest, so the inner daemon"
                    + " would not find it by this reference. Give a tag of the image instead";
        }
        return null;
    }

    /**
     * Returns a copy whose daemon pulls Docker Hub images through the given mirrors ({@code --registry-mirror}).
     *
     * @param mirrors {@code http} or {@code https} URLs without a path, such as {@code https://mirror.example.com}
     * @throws IllegalArgumentException if a mirror is not such a URL
     */
    public DaemonOptions withRegistryMirrors(String... mirrors) {
        List<URI> checked = new ArrayList<>();
        for (String mirror : mirrors) {
            checked.add(parseMirror(mirror));
        }
        return new DaemonOptions(preloadedImages, checked, insecureRegistries, registryCredentials, mtu,
                daemonFlags, iptablesLegacy, dataDirectory, innerPorts);
    }

    /**
     * Returns a copy whose daemon talks to the given registries over plain HTTP or with unverified TLS
     * ({@code --insecure-registry}).
     *
     * @param registries registry hosts with an optional port ({@code registry.test:5000}) or IPv4 or IPv6
     *     networks in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}), as dockerd accepts them
     * @throws IllegalArgumentException if an entry is neither
     */
    public DaemonOptions withInsecureRegistries(String... registries) {
        List<String> checked = new ArrayList<>();
        for (String registry : registries) {
            String value = registry == null ? "" : registry.strip();
            String problem = value.isEmpty() ? "it is blank" : DockerReferences.insecureRegistryProblem(value);
            if (problem != null) {
                throw new IllegalArgumentException("Invalid insecure registry '" + registry + "': " + problem
                        + ". Expected " + DockerReferences.INSECURE_REGISTRY_FORM);
            }
            checked.add(value);
        }
        return new DaemonOptions(preloadedImages, registryMirrors, checked, registryCredentials, mtu,
                daemonFlags, iptablesLegacy, dataDirectory, innerPorts);
    }

    /**
     * Returns a copy that logs in to a registry for the inner daemon's pulls. The credentials go to the
     * container's client (from {@link DinDContainer#getClient()}) as its auth configuration, and to
     * {@code /root/.docker/config.json} in the DinD container, where the Docker CLI run by
     * {@link DinDContainer#execDocker(String...)} reads them.
     *
     * @param registry the registry host with an optional port, as it appears in image references
     *     ({@code registry.test:5000}); {@code docker.io} for Docker Hub
     * @param username the user name
     * @param password the password or access token
     * @throws IllegalArgumentException if the registry is not a host, or the user name is blank
     */
    public DaemonOptions withRegistryCredentials(String registry, String username, String password) {
        String host = registry == null ? "" : registry.strip();
        if (host.isEmpty() || DockerReferences.registryHostProblem(host) != null) {
            throw new IllegalArgumentException("Invalid registry '" + registry + "' for credentials: give the host"
                    + " with an optional port as it appears in image references, such as registry.test:5000");
        }
        if (username == null || username.isBlank() || username.contains(":")) {
            throw new IllegalArgumentException("Invalid user name '" + username + "' for registry " + host
                    + ": it must be non-blank and contain no ':'");
        }
        Map<String, Credentials> credentials = new LinkedHashMap<>(registryCredentials);
        credentials.put(host, new Credentials(username, Objects.requireNonNull(password, "password")));
        return new DaemonOptions(preloadedImages, registryMirrors, insecureRegistries, credentials, mtu,
                daemonFlags, iptablesLegacy, dataDirectory, innerPorts);
    }

    /**
     * Returns a copy whose inner daemon uses the given MTU for its default bridge ({@code --mtu}). By default the
     * MTU of the DinD container's own {@code eth0} is used, so that inner packets never exceed what the outer
     * network carries.
     *
     * @param mtu from {@value #MIN_MTU} to {@value #MAX_MTU}
     * @throws IllegalArgumentException if it is out of that range
     */
    public DaemonOptions withMtu(int mtu) {
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            throw new IllegalArgumentException("Invalid MTU " + mtu + ": it must be from " + MIN_MTU + " to "
                    + MAX_MTU + "; leave it unset to use the MTU of the DinD container's eth0");
        }
        return new DaemonOptions(preloadedImages, registryMirrors, insecureRegistries, registryCredentials, mtu,
                daemonFlags, iptablesLegacy, dataDirectory, innerPorts);
    }

    /**
     * Returns a copy that passes extra flags to {@code dockerd}, such as {@code --log-level=debug} or
     * {@code --default-ulimit nofile=1024:2048}.
     *
     * <p>The listening address and TLS belong to {@link DinDContainer}, which relies on them to reach the daemon,
     * so {@code -H}, {@code --host} and every {@code --tls...} flag are rejected, and so is {@code dockerd}
     * itself: the image's entrypoint adds it.
     *
     * @param flags flags and their values; the first must start with {@code -}
     * @throws IllegalArgumentException if a flag is one of those, or the first element is not a flag
     */
    public DaemonOptions withDaemonFlags(String... flags) {
        List<String> checked = new ArrayList<>();
        for (String flag : flags) {
            checked.add(checkDaemonFlag(flag, checked.isEmpty()));
        }
        return new DaemonOptions(preloadedImages, registryMirrors, insecureRegistries, registryCredentials, mtu,
                checked, iptablesLegacy, dataDirectory, innerPorts);
    }

    /**
     * Returns a copy that sets {@code DOCKER_IPTABLES_LEGACY=1} in the DinD container, so that an entrypoint that
     * reads it (such as that of dind-junit's test images) makes dockerd use {@code iptables-legacy} instead of
     * {@code iptables-nft}. Hosts without nf_tables need it; images whose entrypoint does not read it ignore it.
     *
     * @param legacy whether to use the legacy backend
     */
    public DaemonOptions withIptablesLegacy(boolean legacy) {
        return new DaemonOptions(preloadedImages, registryMirrors, insecureRegistries, registryCredentials, mtu,
                daemonFlags, legacy, dataDirectory, innerPorts);
    }

    /**
     * Returns a copy that keeps {@code /var/lib/docker} in the given place.
     *
     * @param dataDirectory {@link DataDirectory#VOLUME} (the default) or {@link DataDirectory#TMPFS}
     */
    public DaemonOptions withDataDirectory(DataDirectory dataDirectory) {
        return new DaemonOptions(preloadedImages, registryMirrors, insecureRegistries, registryCredentials, mtu,
                daemonFlags, iptablesLegacy, Objects.requireNonNull(dataDirectory, "dataDirectory"), innerPorts);
    }

    /**
     * Returns a copy whose DinD container publishes the given number of extra ports for inner containers, so that
     * Testcontainers containers prepared with {@link DinDContainer#prepareInnerContainer} can expose that many
     * ports in all, reachable from the test at their {@code getHost()} and {@code getMappedPort()}.
     *
     * @param count from 0 (the default: no inner ports) to {@value #MAX_INNER_PORTS}
     * @throws IllegalArgumentException if it is out of that range
     */
    public DaemonOptions withInnerPorts(int count) {
        if (count < 0 || count > MAX_INNER_PORTS) {
            throw new IllegalArgumentException("Invalid number of inner ports " + count + ": it must be from 0 to "
                    + MAX_INNER_PORTS);
        }
        return new DaemonOptions(preloadedImages, registryMirrors, insecureRegistries, registryCredentials, mtu,
                daemonFlags, iptablesLegacy, dataDirectory, count);
    }

    /** Returns the images to preload, in the order given. */
    public List<String> preloadedImages() {
        return preloadedImages;
    }

    /** Returns the registry mirrors. */
    public List<URI> registryMirrors() {
        return registryMirrors;
    }

    /** Returns the insecure registries. */
    public List<String> insecureRegistries() {
        return insecureRegistries;
    }

    /** Returns the registries that have credentials. */
    public List<String> credentialRegistries() {
        return List.copyOf(registryCredentials.keySet());
    }

    /** Returns the MTU that was set, or empty if the MTU of the container's {@code eth0} is used. */
    public OptionalInt mtu() {
        return mtu == null ? OptionalInt.empty() : OptionalInt.of(mtu);
    }

    /** Returns the extra {@code dockerd} flags. */
    public List<String> daemonFlags() {
        return daemonFlags;
    }

    /** Returns whether {@code DOCKER_IPTABLES_LEGACY} is set. */
    public boolean iptablesLegacy() {
        return iptablesLegacy;
    }

    /** Returns where {@code /var/lib/docker} lives. */
    public DataDirectory dataDirectory() {
        return dataDirectory;
    }

    /** Returns how many ports the DinD container publishes for inner containers. */
    public int innerPorts() {
        return innerPorts;
    }

    /** Returns the flags these options add to {@code dockerd}, except the default MTU, which is read at start. */
    List<String> dockerdArguments() {
        List<String> arguments = new ArrayList<>();
        registryMirrors.forEach(mirror -> arguments.add("--registry-mirror=" + mirror));
        insecureRegistries.forEach(registry -> arguments.add("--insecure-registry=" + registry));
        if (mtu != null) {
            arguments.add("--mtu=" + mtu);
        }
        arguments.addAll(daemonFlags);
        return arguments;
    }

    /** Returns a Docker CLI {@code config.json} with the registry credentials, or empty if there are none. */
    byte[] dockerConfigJson() {
        if (registryCredentials.isEmpty()) {
            return new byte[0];
        }
        StringBuilder json = new StringBuilder("{\"auths\":{");
        String separator = "";
        for (Map.Entry<String, Credentials> entry : registryCredentials.entrySet()) {
            String token = entry.getValue().username() + ":" + entry.getValue().password();
            json.append(separator).append(jsonString(entry.getKey())).append(":{\"auth\":")
                    .append(jsonString(Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))))
                    .append('}');
            separator = ",";
        }
        return json.append("}}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the user name and password for a registry host, or {@code null} if none was given. */
    String @Nullable [] credentialsFor(String registry) {
        Credentials credentials = registryCredentials.get(registry);
        return credentials == null ? null : new String[] {credentials.username(), credentials.password()};
    }

    private static URI parseMirror(String mirror) {
        String hint = ": give an http or https URL without a path, such as https://mirror.example.com";
        URI uri;
        try {
            uri = URI.create(mirror == null ? "" : mirror.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid registry mirror '" + mirror + "'" + hint, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean noPath = uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/");
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !noPath
                || uri.getQuery() != null) {
            throw new IllegalArgumentException("Invalid registry mirror '" + mirror + "'" + hint);
        }
        return uri;
    }

    /** Returns whether a flag is one or more single-letter flags after one dash, such as {@code -D} or {@code -DH}. */
    private static boolean isShortFlagCluster(String name) {
        return name.startsWith("-") && !name.startsWith("--") && name.length() > 1;
    }

    /**
     * Returns the leading letters of a short-flag cluster. dockerd's flag parser reads {@code -DHtcp://...} as
     * {@code -D} and {@code -H tcp://...}, so every letter up to the first other character may name a flag.
     */
    private static String shortFlagLetters(String name) {
        int end = 1;
        while (end < name.length() && Character.isLetter(name.charAt(end))) {
            end++;
        }
        return name.substring(1, end);
    }

    private static String checkDaemonFlag(String flag, boolean first) {
        if (flag == null || flag.isBlank()) {
            throw new IllegalArgumentException("Invalid blank dockerd flag: remove it");
        }
        String value = flag.strip();
        String name = value.contains("=") ? value.substring(0, value.indexOf('=')) : value;
        if (value.equals("dockerd")) {
            throw new IllegalArgumentException("Invalid dockerd flag 'dockerd': give flags only, because the image's"
                    + " entrypoint runs dockerd itself");
        }
        if (name.equals("--host") || isShortFlagCluster(name) && shortFlagLetters(name).contains("H")) {
            throw new IllegalArgumentException("Invalid dockerd flag '" + flag + "': DinDContainer sets the"
                    + " listening address (tcp://0.0.0.0:2376 with TLS) and its client relies on it; remove the flag");
        }
        if (name.startsWith("--tls")) {
            throw new IllegalArgumentException("Invalid dockerd flag '" + flag + "': DinDContainer sets TLS with"
                    + " certificates of its own and its client relies on them; remove the flag");
        }
        if (first && !value.startsWith("-")) {
            throw new IllegalArgumentException("Invalid dockerd flags starting with '" + flag + "': the first element"
                    + " must be a flag such as --log-level=debug, because the entrypoint runs any other first word"
                    + " as a command instead of dockerd");
        }
        return value;
    }

    private static String jsonString(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    /** Returns whether the other options have the same settings as these, credentials included. */
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof DaemonOptions options
                && preloadedImages.equals(options.preloadedImages)
                && registryMirrors.equals(options.registryMirrors)
                && insecureRegistries.equals(options.insecureRegistries)
                && registryCredentials.equals(options.registryCredentials)
                && Objects.equals(mtu, options.mtu)
                && daemonFlags.equals(options.daemonFlags)
                && iptablesLegacy == options.iptablesLegacy
                && dataDirectory == options.dataDirectory
                && innerPorts == options.innerPorts;
    }

    @Override
    public int hashCode() {
        return Objects.hash(preloadedImages, registryMirrors, insecureRegistries, registryCredentials, mtu,
                daemonFlags, iptablesLegacy, dataDirectory, innerPorts);
    }

    @Override
    public String toString() {
        // Credentials are left out on purpose: this text reaches logs and test reports.
        return "DaemonOptions[preloadedImages=" + preloadedImages + ", registryMirrors=" + registryMirrors
                + ", insecureRegistries=" + insecureRegistries + ", credentialRegistries="
                + registryCredentials.keySet() + ", mtu=" + (mtu == null ? "eth0" : mtu) + ", daemonFlags="
                + daemonFlags + ", iptablesLegacy=" + iptablesLegacy + ", dataDirectory=" + dataDirectory
                + ", innerPorts=" + innerPorts + "]";
    }
}
