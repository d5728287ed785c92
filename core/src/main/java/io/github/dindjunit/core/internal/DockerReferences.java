package io.github.dindjunit.core.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.testcontainers.utility.DockerImageName;

/**
 * Checks image references and registry addresses before a daemon starts, so that a bad value fails where it is
 * written instead of as the engine's or dockerd's error after a start. Each check returns what is wrong, or
 * {@code null} if the value is valid.
 */
public final class DockerReferences {

    /** The expected form of an image reference, for messages. */
    public static final String IMAGE_REFERENCE_FORM = "[registry[:port]/]repository[:tag] or"
            + " [registry[:port]/]repository@sha256:<hex>, with a lower-case repository path, such as busybox:1.37";

    /** The expected form of an insecure registry, for messages. */
    public static final String INSECURE_REGISTRY_FORM = "a host with an optional port, such as registry.test:5000"
            + " or [fd00::1]:5000, or a network in CIDR notation with a valid IPv4 or IPv6 address and prefix"
            + " length, such as 10.0.0.0/8 or fd00::/8, without a scheme or path";

    /**
     * A host name as Docker's reference grammar and dockerd's {@code --insecure-registry} accept it: components of
     * letters, digits and inner hyphens, separated by dots.
     */
    private static final String HOST_COMPONENT = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?";

    private static final Pattern HOST_NAME = Pattern.compile(HOST_COMPONENT + "(?:\\." + HOST_COMPONENT + ")*");

    /** A number from 0 to 255 without leading zeros. */
    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";

    /** An IPv4 address in dotted decimal, without leading zeros, as Go's net.ParseIP accepts it. */
    private static final Pattern IPV4_ADDRESS = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");

    /** The characters of an IPv6 literal, which may end in an IPv4 address. */
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private static final int MAX_PORT = 65535;

    private DockerReferences() {
    }

    /**
     * Checks an image reference against Docker's reference grammar: an optional registry host with an optional
     * port, a repository path of lower-case components, and a tag or a {@code sha256} digest.
     *
     * <p>Testcontainers' {@link DockerImageName} checks the repository path, the tag and the digest. It ignores
     * text after a second {@code :} and does not check the registry, so both are checked here.
     *
     * <p>NOTE: a reference with both a tag and a digest ({@code busybox:1.37@sha256:...}), which the Docker CLI
     * accepts, is rejected, because {@code DockerImageName} reads the tag as part of the repository.
     *
     * @return what is wrong, or {@code null} if the reference is valid
     */
    public static @Nullable String imageReferenceProblem(String reference) {
        DockerImageName name;
        try {
            name = DockerImageName.parse(reference);
            name.assertValid();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return e instanceof IllegalArgumentException ? e.getMessage() : "it has an empty tag";
        }

        // DockerImageName reads "busybox:1:2" as tag 1 and drops ":2", so a valid reference must survive the round
        // trip to its canonical name.
        String canonical = name.asCanonicalNameString();
        if (!canonical.equals(reference) && !canonical.equals(reference + ":latest")) {
            return "it has text after its tag or digest";
        }
        String registry = name.getRegistry();
        if (!registry.isEmpty() && hostProblem(registry, false) != null) {
            return "its registry " + registry + " is not a host with an optional port";
        }
        return null;
    }

    /**
     * Checks a registry host with an optional port, as it appears in image references: {@code registry.test},
     * {@code registry.test:5000}, {@code 10.0.0.1:5000} or {@code [fd00::1]:5000}.
     *
     * @return what is wrong, or {@code null} if the host is valid
     */
    public static @Nullable String registryHostProblem(String host) {
        return hostProblem(host, false);
    }

    /**
     * Checks an entry of dockerd's {@code --insecure-registry}: a host with an optional port, or a network in
     * CIDR notation. dockerd accepts an IPv6 address without brackets as a host, so this does too.
     *
     * @return what is wrong, or {@code null} if the entry is valid
     */
    public static @Nullable String insecureRegistryProblem(String registry) {
        if (registry.contains("://")) {
            return "it has a scheme, which dockerd rejects";
        }
        int slash = registry.indexOf('/');
        if (slash < 0) {
            return hostProblem(registry, true);
        }

        String address = registry.substring(0, slash);
        String prefix = registry.substring(slash + 1);
        if (prefix.isEmpty()) {
            return "the prefix length after the slash is missing";
        }
        // Only a network in CIDR notation has a slash, so text after it that is not a number is a path.
        if (!prefix.matches("[0-9]+")) {
            return "it has a path after the host, which dockerd rejects";
        }
        int maxPrefix;
        if (IPV4_ADDRESS.matcher(address).matches()) {
            maxPrefix = 32;
        } else if (isIpv6Address(address)) {
            maxPrefix = 128;
        } else {
            return "the network address " + address + " is not a valid IPv4 or IPv6 address";
        }
        if (prefix.length() > 3 || Integer.parseInt(prefix) > maxPrefix) {
            return "the prefix length " + prefix + " is not a whole number from 0 to " + maxPrefix;
        }
        return null;
    }

    private static @Nullable String hostProblem(String hostAndPort, boolean bareIpv6Allowed) {
        if (bareIpv6Allowed && isIpv6Address(hostAndPort)) {
            return null;
        }

        String host = hostAndPort;
        String port = null;
        if (hostAndPort.startsWith("[")) {
            int end = hostAndPort.indexOf(']');
            if (end < 0 || !isIpv6Address(hostAndPort.substring(1, end))) {
                return hostAndPort + " is not a valid IPv6 address in brackets";
            }
            host = null;
            if (end + 1 < hostAndPort.length()) {
                if (hostAndPort.charAt(end + 1) != ':') {
                    return "the text after the address in " + hostAndPort + " is not a port";
                }
                port = hostAndPort.substring(end + 2);
            }
        } else if (hostAndPort.contains(":")) {
            host = hostAndPort.substring(0, hostAndPort.indexOf(':'));
            port = hostAndPort.substring(hostAndPort.indexOf(':') + 1);
        }

        if (host != null && !HOST_NAME.matcher(host).matches()) {
            return "'" + host + "' is not a valid host name";
        }
        if (port != null && (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > MAX_PORT)) {
            return "the port '" + port + "' is not a whole number from 0 to " + MAX_PORT;
        }
        return null;
    }

    /** Returns whether a text is an IPv6 address, without brackets or zone. */
    private static boolean isIpv6Address(String text) {
        if (!IPV6_CHARACTERS.matcher(text).matches()) {
            return false;
        }
        // Brackets make the JDK parse the text as an IPv6 literal and fail without a DNS lookup if it is not one.
        try {
            return InetAddress.getByName("[" + text + "]") != null;
        } catch (UnknownHostException | IllegalArgumentException e) {
            return false;
        }
    }
}
