package io.github.dindjunit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation and rendering of daemon options; needs no Docker engine. */
class DaemonOptionsTest {

    @Test
    void defaultsAddNoFlags() {
        DaemonOptions options = DaemonOptions.defaults();

        assertThat(options.dockerdArguments()).isEmpty();
        assertThat(options.mtu()).isEmpty();
        assertThat(options.dataDirectory()).isEqualTo(DaemonOptions.DataDirectory.VOLUME);
        assertThat(options.dockerConfigJson()).isEmpty();
    }

    @Test
    void optionsBecomeDockerdFlags() {
        DaemonOptions options = DaemonOptions.defaults()
                .withRegistryMirrors("https://mirror.example.com")
                .withInsecureRegistries("registry.test:5000", "10.0.0.0/8")
                .withMtu(1400)
                .withDaemonFlags("--log-level", "debug");

        assertThat(options.dockerdArguments()).containsExactly(
                "--registry-mirror=https://mirror.example.com",
                "--insecure-registry=registry.test:5000",
                "--insecure-registry=10.0.0.0/8",
                "--mtu=1400",
                "--log-level", "debug");
    }

    @Test
    void withMethodsReturnCopies() {
        DaemonOptions original = DaemonOptions.defaults();

        DaemonOptions changed = original.withMtu(1400);

        assertThat(original.mtu()).isEmpty();
        assertThat(changed.mtu()).hasValue(1400);
    }

    @Test
    void credentialsBecomeDockerConfigJson() {
        DaemonOptions options = DaemonOptions.defaults().withRegistryCredentials("registry.test:5000", "alice", "s3cret");

        String json = new String(options.dockerConfigJson(), StandardCharsets.UTF_8);

        // YWxpY2U6czNjcmV0 is base64 of "alice:s3cret".
        assertThat(json).isEqualTo("{\"auths\":{\"registry.test:5000\":{\"auth\":\"YWxpY2U6czNjcmV0\"}}}\n");
    }

    @Test
    void toStringHidesCredentials() {
        DaemonOptions options = DaemonOptions.defaults().withRegistryCredentials("registry.test", "alice", "s3cret");

        assertThat(options.toString()).contains("registry.test").doesNotContain("alice").doesNotContain("s3cret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-H", "-Htcp://0.0.0.0:2375", "--host", "--host=tcp://0.0.0.0:2375", "-H=unix:///x", "-DH",
        "-DHtcp://0.0.0.0:2375"})
    void hostFlagsAreRejected(String flag) {
        assertThatThrownBy(() -> DaemonOptions.defaults().withDaemonFlags(flag))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + flag + "'")
                .hasMessageContaining("sets the listening address")
                .hasMessageContaining("remove the flag");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--tls", "--tlsverify", "--tlsverify=false", "--tlscacert=/x", "--tlscert", "--tlskey"})
    void tlsFlagsAreRejected(String flag) {
        assertThatThrownBy(() -> DaemonOptions.defaults().withDaemonFlags(flag))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + flag + "'")
                .hasMessageContaining("sets TLS");
    }

    @Test
    void dockerdItselfIsRejected() {
        assertThatThrownBy(() -> DaemonOptions.defaults().withDaemonFlags("dockerd", "--debug"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'dockerd'")
                .hasMessageContaining("flags only");
    }

    @Test
    void firstElementMustBeAFlag() {
        assertThatThrownBy(() -> DaemonOptions.defaults().withDaemonFlags("debug"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'debug'")
                .hasMessageContaining("must be a flag");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 67, 65536, -1})
    void mtuOutOfRangeIsRejected(int mtu) {
        assertThatThrownBy(() -> DaemonOptions.defaults().withMtu(mtu))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid MTU " + mtu)
                .hasMessageContaining("from 68 to 65535");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mirror.example.com", "ftp://mirror.example.com", "https://mirror.example.com/v2/x",
            "https://", ""})
    void mirrorMustBeAnHttpUrlWithoutPath(String mirror) {
        assertThatThrownBy(() -> DaemonOptions.defaults().withRegistryMirrors(mirror))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid registry mirror '" + mirror + "'")
                .hasMessageContaining("such as https://mirror.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://registry.test", "registry.test/path", "", "10.0.0.0/8/1"})
    void insecureRegistryMustBeAHostOrNetwork(String registry) {
        assertThatThrownBy(() -> DaemonOptions.defaults().withInsecureRegistries(registry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid insecure registry '" + registry + "'")
                .hasMessageContaining("without a scheme or path");
    }

    @Test
    void credentialsNeedARegistryHostAndUser() {
        assertThatThrownBy(() -> DaemonOptions.defaults().withRegistryCredentials("https://registry.test", "a", "b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid registry 'https://registry.test'");
        assertThatThrownBy(() -> DaemonOptions.defaults().withRegistryCredentials("registry.test", " ", "b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid user name ' '");
    }

    @Test
    void blankPreloadedImageIsRejected() {
        assertThatThrownBy(() -> DaemonOptions.defaults().withPreloadedImages("busybox:1.37", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid image to preload ' '");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPPER:x", "team/App:1", "busybox:1:2", "busybox:", "busybox:-1", "exa_mple.test/x:1",
            "registry.test:99999/x", "busybox@sha256:abc", "a b"})
    void preloadedImageMustFollowReferenceGrammar(String image) {
        assertThatThrownBy(() -> DaemonOptions.defaults().withPreloadedImages(image))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid image to preload '" + image + "': ")
                .hasMessageEndingWith("Expected [registry[:port]/]repository[:tag], with a lower-case repository"
                        + " path, such as busybox:1.37");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256:6b28748b9020", "6b28748b9020",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void imageIdIsRejectedForPreload(String image) {
        assertThatThrownBy(() -> DaemonOptions.defaults().withPreloadedImages(image))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid image to preload '" + image + "': it is an image ID, and preloading"
                        + " keeps only the names of an image");
    }

    @Test
    void digestIsRejectedForPreload() {
        String image = "busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

        assertThatThrownBy(() -> DaemonOptions.defaults().withPreloadedImages(image))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid image to preload '" + image + "': docker save and docker load keep"
                        + " an image's tags but not its digest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"busybox", "busybox:1.37", "registry.test:5000/team/app:v1.0-rc_1", "Registry.Test/x",
            "[::1]:5000/x:1", "localhost/x", "sha256:1.0", "cafe"})
    void validPreloadedImageIsAccepted(String image) {
        assertThat(DaemonOptions.defaults().withPreloadedImages(image).preloadedImages()).containsExactly(image);
    }

    @Test
    void preloadedImageMessageNamesTheProblem() {
        assertThatThrownBy(() -> DaemonOptions.defaults().withPreloadedImages("UPPER:x"))
                .hasMessageStartingWith("Invalid image to preload 'UPPER:x': UPPER is not a valid Docker image name");
        assertThatThrownBy(() -> DaemonOptions.defaults().withPreloadedImages("busybox:1:2"))
                .hasMessageStartingWith("Invalid image to preload 'busybox:1:2': it has text after its tag");
    }

    @ParameterizedTest
    @ValueSource(strings = {"999.1.1.1/99", "10.0.0.0/33", "010.0.0.0/8", "1.2.3/8", "fd00::/129", "zz::/8",
            "a_b:5000", "registry.test:99999", "-registry.test", "[::1", "[fd00::1]x", "registry.test:5000/v2",
            "10.0.0.0/"})
    void insecureRegistryMustBeValidHostOrCidr(String registry) {
        assertThatThrownBy(() -> DaemonOptions.defaults().withInsecureRegistries(registry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid insecure registry '" + registry + "': ")
                .hasMessageContaining("with a valid IPv4 or IPv6 address and prefix length");
    }

    @Test
    void insecureRegistryMessageNamesTheProblem() {
        assertThatThrownBy(() -> DaemonOptions.defaults().withInsecureRegistries("999.1.1.1/99"))
                .hasMessageStartingWith("Invalid insecure registry '999.1.1.1/99': the network address 999.1.1.1 is"
                        + " not a valid IPv4 or IPv6 address.");
        assertThatThrownBy(() -> DaemonOptions.defaults().withInsecureRegistries("10.0.0.0/33"))
                .hasMessageStartingWith("Invalid insecure registry '10.0.0.0/33': the prefix length 33 is not a"
                        + " whole number from 0 to 32.");
        assertThatThrownBy(() -> DaemonOptions.defaults().withInsecureRegistries("registry.test:5000/v2"))
                .hasMessageStartingWith("Invalid insecure registry 'registry.test:5000/v2': it has a path after the"
                        + " host, which dockerd rejects.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"registry.test", "registry.test:5000", "10.0.0.1", "10.0.0.0/8", "0.0.0.0/0", "fd00::/8",
            "::1", "[fd00::1]:5000", "::ffff:10.0.0.0/104"})
    void validInsecureRegistryIsAccepted(String registry) {
        assertThat(DaemonOptions.defaults().withInsecureRegistries(registry).insecureRegistries())
                .containsExactly(registry);
    }
}
