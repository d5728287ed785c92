package io.github.dindjunit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dindjunit.core.DaemonStartupException;
import org.junit.jupiter.api.Test;

class StartupFailuresTest {

    @Test
    void runcCapabilityFailureIsPrivilegedRejection() {
        // What dockerd 20.10 reports when the engine's capability bounding set lacks one that a privileged
        // container requests.
        String message = "OCI runtime create failed: runc create failed: unable to start container process:"
                + " unable to apply caps: operation not permitted: unknown";

        assertThat(StartupFailures.isPrivilegedRejection(message)).isTrue();
    }

    @Test
    void authorizationPluginRefusalIsPrivilegedRejection() {
        String message = "authorization denied by plugin no-privileged: Privileged containers are not allowed";

        assertThat(StartupFailures.isPrivilegedRejection(message)).isTrue();
    }

    @Test
    void missingImageIsNoPrivilegedRejection() {
        String message = "No such image: dind-junit/dind:missing";

        assertThat(StartupFailures.isPrivilegedRejection(message)).isFalse();
    }

    @Test
    void privilegedRejectionNamesBothVariants() {
        DaemonStartupException failure = StartupFailures.privilegedRejected("docker:29.7.2-dind-rootless",
                "unable to apply caps: operation not permitted", new IllegalStateException("cause"));

        assertThat(failure).hasMessage("The Docker engine rejected the privileged container for DinD image"
                + " docker:29.7.2-dind-rootless: unable to apply caps: operation not permitted. Both the default"
                + " and the rootless variant need a privileged container, the rootless one because rootlesskit"
                + " creates namespaces. Run the tests on an engine that allows privileged containers.");
        assertThat(failure).hasCauseInstanceOf(IllegalStateException.class);
    }
}
