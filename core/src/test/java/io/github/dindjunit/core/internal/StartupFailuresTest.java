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
    void configurationDumpIsNoRejection() {
        String message = "expected the predicate to return <true> but it returned <false> for input of"
                + " <InspectContainerResponse(hostConfig=HostConfig(privileged=true, networkDisabled=null))>";

        assertThat(StartupFailures.isPrivilegedRejection(message)).isFalse();
    }

    @Test
    void privilegedRefusalNamesBothVariants() {
        DaemonStartupException failure = StartupFailures.privilegedRefused("docker:29.7.2-dind-rootless",
                new IllegalStateException("wrapper", new IllegalStateException(
                        "OCI runtime create failed: unable to apply caps: operation not permitted")));

        assertThat(failure).isNotNull();
        assertThat(failure).hasMessageStartingWith("Docker engine refused to start the privileged DinD container"
                + " from image docker:29.7.2-dind-rootless: OCI runtime create failed: unable to apply caps:"
                + " operation not permitted. A Docker daemon needs a privileged container, in the rootless"
                + " variant too because rootlesskit creates namespaces");
        assertThat(failure).hasCauseInstanceOf(IllegalStateException.class);
    }
}
