package io.github.dindjunit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import io.github.dindjunit.core.DaemonOptions;
import io.github.dindjunit.core.DaemonStartupException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.Events;

/** The {@code @DinD} attributes that set {@link DaemonOptions}, run through the engine test kit. */
class DaemonOptionsAttributesTest {

    private static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

    @Test
    void attributesReachTheDaemon() {
        SEEN.clear();

        Events tests = TestKit.run(AllAttributes.class).testEvents();

        tests.assertStatistics(stats -> stats.succeeded(1).failed(0));
        Info info = (Info) SEEN.get("info");
        assertThat(SEEN.get("images")).isEqualTo(List.of("dind-junit/busybox:test"));
        assertThat(info.getRegistryConfig().getIndexConfigs().get("docker.io").getMirrors())
                .containsExactly("https://mirror.example.test/");
        assertThat(info.getRegistryConfig().getInsecureRegistryCIDRs()).contains("10.98.0.0/16");
        assertThat(info.getLabels()).contains("io.github.dindjunit.test=attributes");
        assertThat(OuterEngine.labelledContainers()).isEmpty();
    }

    @Test
    void hostFlagFailsNamingTheAttribute() {
        Events classes = TestKit.run(HostFlag.class).containerEvents();

        classes.assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(text -> text.startsWith("@DinD(daemonFlags) on " + HostFlag.class.getName()
                        + ": Invalid dockerd flag '--host=tcp://0.0.0.0:2375'"))));
    }

    @Test
    void invalidMtuFailsNamingTheAttribute() {
        Events classes = TestKit.run(InvalidMtu.class).containerEvents();

        classes.assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(text -> text.startsWith("@DinD(mtu) on " + InvalidMtu.class.getName()
                        + ": Invalid MTU 70000: it must be from 68 to 65535"))));
    }

    @Test
    void invalidPreloadFailsBeforeStart() {
        Events classes = TestKit.run(InvalidPreload.class).containerEvents();

        classes.assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(text -> text.startsWith("@DinD(preload) on " + InvalidPreload.class.getName()
                        + ": Invalid image to preload 'UPPER:x': UPPER is not a valid Docker image name")
                        && text.contains("Expected [registry[:port]/]repository[:tag]"))));
        assertThat(OuterEngine.labelledContainers()).isEmpty();
    }

    @Test
    void invalidInsecureRegistryFailsBeforeStart() {
        Events classes = TestKit.run(InvalidInsecureRegistry.class).containerEvents();

        classes.assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(text -> text.startsWith("@DinD(insecureRegistries) on "
                        + InvalidInsecureRegistry.class.getName() + ": Invalid insecure registry '999.1.1.1/99': the"
                        + " network address 999.1.1.1 is not a valid IPv4 or IPv6 address.")
                        && text.contains("a network in CIDR notation"))));
        assertThat(OuterEngine.labelledContainers()).isEmpty();
    }

    @Test
    void missingPreloadedImageFailsTheClass() {
        Events classes = TestKit.run(MissingImage.class).containerEvents();

        classes.assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(DaemonStartupException.class),
                message(text -> text.contains("[dind-junit/not-built:never]")
                        && text.contains("not found on the outer Docker engine"))));
        assertThat(OuterEngine.labelledContainers()).isEmpty();
    }

    @DinD(preload = "dind-junit/busybox:test",
            registryMirrors = "https://mirror.example.test",
            insecureRegistries = "10.98.0.0/16",
            daemonFlags = "--label=io.github.dindjunit.test=attributes",
            mtu = 1400,
            dataDirectory = DaemonOptions.DataDirectory.TMPFS)
    static class AllAttributes {

        @Test
        void test(DockerClient docker) {
            SEEN.put("info", docker.infoCmd().exec());
            SEEN.put("images", docker.listImagesCmd().exec().stream()
                    .flatMap(image -> Arrays.stream(image.getRepoTags()))
                    .toList());
        }
    }

    @DinD(daemonFlags = "--host=tcp://0.0.0.0:2375")
    static class HostFlag {

        @Test
        void test(DockerClient docker) {
        }
    }

    @DinD(mtu = 70000)
    static class InvalidMtu {

        @Test
        void test(DockerClient docker) {
        }
    }

    @DinD(preload = "UPPER:x")
    static class InvalidPreload {

        @Test
        void test(DockerClient docker) {
        }
    }

    @DinD(insecureRegistries = "999.1.1.1/99")
    static class InvalidInsecureRegistry {

        @Test
        void test(DockerClient docker) {
        }
    }

    @DinD(preload = {"dind-junit/busybox:test", "dind-junit/not-built:never"})
    static class MissingImage {

        @Test
        void test(DockerClient docker) {
        }
    }
}
