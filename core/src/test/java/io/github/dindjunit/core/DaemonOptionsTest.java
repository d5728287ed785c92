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
}
