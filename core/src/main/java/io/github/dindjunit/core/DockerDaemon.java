package io.github.dindjunit.core;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.github.dockerjava.api.DockerClient;
import io.github.dindjunit.core.internal.ClientCertificateFiles;
import io.github.dindjunit.core.internal.TlsMaterial;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A handle on a running DinD daemon: its address, the environment and certificate files that other Docker
 * clients need to reach it, its log, its client and its container.
 *
 * <p>The handle owns nothing. The {@link DinDContainer} it came from stops the daemon and closes the client.
 * The client's private key stays in memory unless {@link #exportClientCertificates(Path)} or
 * {@link #exportEnvironment(Path)} writes it to a directory.
 *
 * <pre>{@code
 * DockerDaemon daemon = DockerDaemon.of(container);
 * ProcessBuilder cli = new ProcessBuilder("docker", "ps", "-a");
 * cli.environment().putAll(daemon.exportEnvironment(certificateDirectory));
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class DockerDaemon {

    /** The environment variable that names the daemon's address, as the Docker CLI reads it: {@value}. */
    public static final String DOCKER_HOST = "DOCKER_HOST";

    /** The environment variable that makes the Docker CLI use and verify TLS: {@value}. */
    public static final String DOCKER_TLS_VERIFY = "DOCKER_TLS_VERIFY";

    /**
     * The environment variable that names the directory with {@code ca.pem}, {@code cert.pem} and
     * {@code key.pem}: {@value}.
     */
    public static final String DOCKER_CERT_PATH = "DOCKER_CERT_PATH";

    private final DinDContainer container;
    private final URI dockerHostUri;
    private final TlsMaterial tlsMaterial;

    private DockerDaemon(DinDContainer container, URI dockerHostUri, TlsMaterial tlsMaterial) {
        this.container = container;
        this.dockerHostUri = dockerHostUri;
        this.tlsMaterial = tlsMaterial;
    }

    /**
     * Returns a handle on the daemon of a started container.
     *
     * @param container a container whose {@link DinDContainer#start()} has returned
     * @return a new handle
     * @throws IllegalStateException if the container is not running
     */
    public static DockerDaemon of(DinDContainer container) {
        URI dockerHostUri = container.getDockerHostUri();
        return new DockerDaemon(container, dockerHostUri, container.tlsMaterial());
    }

    /** Returns the daemon's address as seen from this JVM, such as {@code tcp://localhost:32768}. */
    public URI getDockerHostUri() {
        return dockerHostUri;
    }

    /** Returns the host part of {@link #getDockerHostUri()}; its server certificate covers this name. */
    public String getHost() {
        return container.getHost();
    }

    /** Returns the port on {@link #getHost()} on which the daemon serves its API over mutual TLS. */
    public int getPort() {
        return dockerHostUri.getPort();
    }

    /**
     * Returns the client for this daemon. The container owns it and closes it when it stops, so its
     * {@code close()} throws an {@code UnsupportedOperationException}. For a client that you close yourself,
     * build one from {@link #exportEnvironment(Path)}.
     *
     * @throws IllegalStateException if the container has stopped
     */
    public DockerClient getClient() {
        return container.getClient();
    }

    /** Returns the container that runs the daemon. */
    public DinDContainer getContainer() {
        return container;
    }

    /** Returns the daemon's log so far: what {@code dockerd} and the image's entrypoint wrote. */
    public String getLogs() {
        return container.getLogs();
    }

    /**
     * Writes the client's certificate files, in the layout that the Docker CLI reads from
     * {@code DOCKER_CERT_PATH}: {@code ca.pem} (the authority that signed the daemon's certificate),
     * {@code cert.pem} and {@code key.pem} (the client's certificate and private key).
     *
     * <p>The directory is created if it does not exist, and existing files of those names are replaced. On file
     * systems with POSIX permissions {@code key.pem} is readable and writable by its owner only ({@code 0600})
     * from the moment it is created. Delete the directory when it is no longer needed: it lets anyone who can
     * read it control the daemon.
     *
     * @param directory where to write the files
     * @return {@code directory}
     * @throws IOException if a file cannot be written
     */
    public Path exportClientCertificates(Path directory) throws IOException {
        ClientCertificateFiles.write(tlsMaterial, directory);
        return directory;
    }

    /**
     * Writes the client's certificate files to a directory, as {@link #exportClientCertificates(Path)} does,
     * and returns the environment variables that point the Docker CLI, and other clients that read the same
     * variables, at this daemon.
     *
     * @param certificateDirectory where to write the files
     * @return {@value #DOCKER_HOST}, {@value #DOCKER_TLS_VERIFY} ({@code 1}) and {@value #DOCKER_CERT_PATH} (the
     *     absolute path of the directory), in that order
     * @throws IOException if a file cannot be written
     */
    public Map<String, String> exportEnvironment(Path certificateDirectory) throws IOException {
        exportClientCertificates(certificateDirectory);

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(DOCKER_HOST, dockerHostUri.toString());
        environment.put(DOCKER_TLS_VERIFY, "1");
        environment.put(DOCKER_CERT_PATH, certificateDirectory.toAbsolutePath().toString());
        return environment;
    }

    @Override
    public String toString() {
        return "DockerDaemon[" + container.getDockerImageName() + " at " + dockerHostUri + "]";
    }
}
