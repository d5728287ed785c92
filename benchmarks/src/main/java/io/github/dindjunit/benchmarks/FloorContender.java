package io.github.dindjunit.benchmarks;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import io.github.dindjunit.core.DinDContainer;
import io.github.dindjunit.core.internal.InnerDaemonClients;
import io.github.dindjunit.core.internal.TlsMaterial;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The floor: what the machine needs to start a DinD daemon, with nothing but docker-java. The certificates,
 * the server files' archive and the client's SSL context are made before the clock starts. A run creates the
 * container, copies the server files in, starts it, reads the mapped port and pings every 10 ms until the
 * daemon responds over mutual TLS.
 */
final class FloorContender implements Contender {

    private static final ExposedPort TLS_PORT = ExposedPort.tcp(DinDContainer.DOCKER_TLS_PORT);
    private static final long POLL_INTERVAL_MILLIS = 10;

    private final String image;
    private final String host = OuterEngine.host();
    private final byte[] serverFiles;
    private final SSLContext clientSslContext;

    FloorContender(String image) {
        this.image = image;
        TlsMaterial material = TlsMaterial.generate(List.of(host, "localhost", "127.0.0.1", "::1", "docker"));
        this.serverFiles = material.serverFilesArchive();
        this.clientSslContext = material.clientSslContext();
    }

    @Override
    public String name() {
        return "floor (docker-java)";
    }

    @Override
    public String description() {
        return "create, copy certificates made in advance, start, inspect, mutual-TLS ping every 10 ms";
    }

    @Override
    public RunResult run() throws Exception {
        DockerClient outer = OuterEngine.client();
        Stopwatch ready = Stopwatch.start();

        String containerId = outer.createContainerCmd(image)
                .withEnv("DOCKER_TLS_CERTDIR=/certs")
                .withExposedPorts(TLS_PORT)
                .withVolumes(new Volume(OuterEngine.DATA_DIRECTORY))
                .withLabels(OuterEngine.labels("floor"))
                .withHostConfig(HostConfig.newHostConfig()
                        .withPrivileged(true)
                        .withPortBindings(new PortBinding(Ports.Binding.empty(), TLS_PORT)))
                .exec()
                .getId();
        ready.mark("create");
        Duration readyTime;
        Duration listenToReady;
        try {
            outer.copyArchiveToContainerCmd(containerId)
                    .withRemotePath("/")
                    .withTarInputStream(new ByteArrayInputStream(serverFiles))
                    .exec();
            ready.mark("copy certificates in");

            outer.startContainerCmd(containerId).exec();
            ready.mark("start");

            InspectContainerResponse started = outer.inspectContainerCmd(containerId).exec();
            String port = started.getNetworkSettings().getPorts().getBindings().get(TLS_PORT)[0].getHostPortSpec();
            ready.mark("inspect for the port");

            Instant readyAt;
            try (DockerClient inner = InnerDaemonClients.create(URI.create("tcp://" + host + ":" + port),
                    clientSslContext)) {
                ready.mark("build client");
                pingUntilAnswered(inner);
                ready.mark("wait for ping");
                readyTime = ready.elapsed();
                readyAt = Instant.now();
            }
            listenToReady = Duration.between(OuterEngine.apiListenedAt(containerId), readyAt);
        } catch (RuntimeException | InterruptedException e) {
            remove(containerId);
            throw e;
        }
        return new RunResult(readyTime, remove(containerId), ready.phases(), listenToReady);
    }

    private static void pingUntilAnswered(DockerClient inner) throws InterruptedException {
        long deadline = System.nanoTime() + DinDContainer.DEFAULT_STARTUP_TIMEOUT.toNanos();
        while (true) {
            try {
                inner.pingCmd().exec();
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The floor's daemon did not respond to a ping within "
                            + DinDContainer.DEFAULT_STARTUP_TIMEOUT, e);
                }
            }
            Thread.sleep(POLL_INTERVAL_MILLIS);
        }
    }

    private static Duration remove(String containerId) {
        String volume = OuterEngine.dataVolume(containerId);
        Stopwatch teardown = Stopwatch.start();
        OuterEngine.client().removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        Duration elapsed = teardown.elapsed();
        OuterEngine.checkRemoved(containerId, volume);
        return elapsed;
    }
}
