package io.github.dindjunit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.github.dindjunit.core.internal.InnerDaemonClients;
import io.github.dindjunit.core.internal.PublishAddress;
import io.github.dindjunit.core.internal.TlsMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * What the daemon accepts and what it exposes. Talks only to the daemon container that the test started, over
 * the published port and over the bridge network of the engine on this machine.
 */
class TlsGuaranteesTest {

    private static final String IMAGE = System.getProperty("dind.image", DinDContainer.DEFAULT_IMAGE);

    private static final char[] PASSWORD = "test".toCharArray();

    private static final List<String> SERVER_NAMES = List.of("localhost", "127.0.0.1");

    private static DinDContainer daemon;

    @BeforeAll
    static void startDaemon() {
        daemon = new DinDContainer(IMAGE);
        daemon.start();
    }

    @AfterAll
    static void stopDaemon() {
        daemon.stop();
    }

    @Test
    void onlyTlsPortIsPublished() {
        Map<ExposedPort, Ports.Binding[]> published = daemon.getContainerInfo().getNetworkSettings().getPorts()
                .getBindings();

        List<ExposedPort> withBindings = published.entrySet().stream()
                .filter(entry -> entry.getValue() != null && entry.getValue().length > 0)
                .map(Map.Entry::getKey)
                .toList();
        assertThat(withBindings).containsExactly(ExposedPort.tcp(DinDContainer.DOCKER_TLS_PORT));
    }

    @Test
    void plainPortDoesNotAnswer() throws IOException {
        String containerAddress = bridgeAddress();

        assertThatThrownBy(() -> plainHttpPing(containerAddress, 2375)).isInstanceOf(ConnectException.class);
        assertThat(plainHttpPing(containerAddress, DinDContainer.DOCKER_TLS_PORT))
                .as("the TLS port at the same address, so the refusal above is not a routing failure")
                .startsWith("HTTP/1.0 400 Bad Request");
    }

    @Test
    void tlsPortRejectsPlainHttp() throws IOException {
        String response = plainHttpPing(daemon.getHost(), daemon.getMappedPort(DinDContainer.DOCKER_TLS_PORT));

        assertThat(response).startsWith("HTTP/1.0 400 Bad Request")
                .contains("Client sent an HTTP request to an HTTPS server")
                .doesNotContain("Api-Version");
    }

    @Test
    void clientCertificateOfOtherCaIsRejected() throws Exception {
        TlsMaterial own = daemon.tlsMaterial();
        TlsMaterial otherDaemons = TlsMaterial.generate(SERVER_NAMES);
        SSLContext foreignClient = sslContext(otherDaemons, own);

        try (DockerClient client = InnerDaemonClients.create(daemon.getDockerHostUri(), foreignClient)) {
            // With TLS 1.3 the client learns of the rejection only when it uses the connection, so it sees an
            // alert or a closed socket; the daemon's log says why.
            assertThatThrownBy(() -> client.pingCmd().exec()).isInstanceOf(RuntimeException.class);
        }
        // The daemon logs the rejected handshake a moment after the client has given up.
        Awaitility.await("daemon log entry of the rejected handshake")
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(daemon.getLogs()).contains("certificate signed by unknown authority"));
        try (DockerClient client = InnerDaemonClients.create(daemon.getDockerHostUri(), sslContext(own, own))) {
            client.pingCmd().exec();
        }
    }

    @Test
    void serverNameIsVerified() throws Exception {
        URI unlistedAddress = URI.create("tcp://" + bridgeAddress() + ":" + DinDContainer.DOCKER_TLS_PORT);
        assertThat(daemon.tlsMaterial().server().certificate().getSubjectAlternativeNames().toString())
                .doesNotContain(bridgeAddress());

        SSLContext ownClient = daemon.tlsMaterial().clientSslContext();
        try (DockerClient client = InnerDaemonClients.create(unlistedAddress, ownClient)) {
            assertThatThrownBy(() -> client.pingCmd().exec())
                    .hasStackTraceContaining("javax.net.ssl.SSLPeerUnverifiedException: Certificate for <"
                            + bridgeAddress() + "> doesn't match any of the subject alternative names");
        }
    }

    @Test
    void tlsPortIsPublishedOnDialedAddressOnly() throws Exception {
        URI engine = DockerClientFactory.instance().getTransportConfig().getDockerHost();
        Ports.Binding[] bindings = daemon.getContainerInfo().getHostConfig().getPortBindings().getBindings()
                .get(ExposedPort.tcp(DinDContainer.DOCKER_TLS_PORT));

        if (engine.getScheme().equals("unix")) {
            InetAddress dialed = InetAddress.getByName(daemon.getHost());
            assertThat(bindings).extracting(Ports.Binding::getHostIp).containsExactly(dialed.getHostAddress());
            assertThat(dialed.isLoopbackAddress() || NetworkInterface.getByInetAddress(dialed) != null)
                    .as("%s is an address of this machine", dialed).isTrue();
        } else {
            assertThat(bindings).extracting(Ports.Binding::getHostIp).containsExactly((String) null);
        }
    }

    @Test
    void publishAddressFollowsEngineLocation() {
        assertThat(PublishAddress.choose(URI.create("unix:///var/run/docker.sock"), "localhost"))
                .contains("127.0.0.1");
        assertThat(PublishAddress.choose(URI.create("unix:///var/run/docker.sock"), "172.17.0.1"))
                .contains("172.17.0.1");
        assertThat(PublishAddress.choose(URI.create("npipe:////./pipe/docker_engine"), "127.0.0.1"))
                .contains("127.0.0.1");
        assertThat(PublishAddress.choose(URI.create("tcp://10.0.0.5:2376"), "10.0.0.5")).isEmpty();
    }

    @Test
    void privateKeysAreNotWrittenToTemporaryFiles() throws IOException {
        List<byte[]> keys = new ArrayList<>();
        keys.add(daemon.tlsMaterial().server().privateKeyPem());
        keys.add(daemon.tlsMaterial().client().privateKeyPem());
        try (DinDContainer other = startAnother()) {
            keys.add(other.tlsMaterial().server().privateKeyPem());
            keys.add(other.tlsMaterial().client().privateKeyPem());
        }

        List<Path> withKey = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of(System.getProperty("java.io.tmpdir")), 4)) {
            files.filter(Files::isRegularFile)
                    .filter(file -> containsAny(file, keys))
                    .forEach(withKey::add);
        }
        assertThat(withKey).isEmpty();
    }

    @Test
    void everyDaemonHasFreshAuthority() {
        try (DinDContainer other = startAnother()) {
            TlsMaterial first = daemon.tlsMaterial();
            TlsMaterial second = other.tlsMaterial();

            assertThat(second.caCertificate().getPublicKey()).isNotEqualTo(first.caCertificate().getPublicKey());
            assertThat(second.client().privateKey()).isNotEqualTo(first.client().privateKey());
            assertThatThrownBy(() -> second.server().certificate().verify(first.caCertificate().getPublicKey()))
                    .isInstanceOf(java.security.SignatureException.class);
        }
    }

    private static DinDContainer startAnother() {
        DinDContainer other = new DinDContainer(IMAGE);
        other.start();
        return other;
    }

    private static String bridgeAddress() {
        return daemon.getContainerInfo().getNetworkSettings().getNetworks().get("bridge").getIpAddress();
    }

    /** Sends a plain HTTP request and returns the start of the response. */
    private static String plainHttpPing(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(5_000);
            OutputStream output = socket.getOutputStream();
            output.write("GET /_ping HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            output.flush();
            InputStream input = socket.getInputStream();
            return new String(input.readNBytes(512), StandardCharsets.ISO_8859_1);
        }
    }

    /** Builds a context that presents the client certificate of {@code client} and trusts the CA of {@code trust}. */
    private static SSLContext sslContext(TlsMaterial client, TlsMaterial trust) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("client", client.client().privateKey(), PASSWORD,
                new Certificate[] {client.client().certificate(), client.caCertificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, PASSWORD);

        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("ca", trust.caCertificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trustStore);

        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    private static boolean containsAny(Path file, List<byte[]> keys) {
        try {
            if (Files.size(file) > 10_000_000) {
                return false;
            }
            byte[] content = Files.readAllBytes(file);
            return keys.stream().anyMatch(key -> indexOf(content, key) >= 0);
        } catch (IOException e) {
            return false;
        }
    }

    private static int indexOf(byte[] content, byte[] part) {
        for (int i = 0; i + part.length <= content.length; i++) {
            if (Arrays.equals(content, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }
}
