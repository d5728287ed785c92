package io.github.dindjunit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class TlsMaterialTest {

    private static final List<String> NAMES = List.of("172.17.0.1", "localhost", "127.0.0.1", "::1", "docker");

    private final TlsMaterial material = TlsMaterial.generate(NAMES);

    @Test
    void caCertificateIsMarkedAsCa() {
        assertThat(material.caCertificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void leafCertificatesAreSignedByTheCa() throws Exception {
        X509Certificate ca = material.caCertificate();

        material.server().certificate().verify(ca.getPublicKey());
        material.client().certificate().verify(ca.getPublicKey());
        assertThat(material.server().certificate().getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void serverCertificateCoversEveryName() throws Exception {
        List<String> alternativeNames = material.server().certificate().getSubjectAlternativeNames().stream()
                .map(entry -> entry.get(0) + "=" + entry.get(1))
                .toList();

        // Type 7 is an IP address and type 2 a DNS name (RFC 5280, GeneralName).
        assertThat(alternativeNames).containsExactlyInAnyOrder(
                "7=172.17.0.1", "2=localhost", "7=127.0.0.1", "7=0:0:0:0:0:0:0:1", "2=docker");
    }

    @Test
    void certificatesCarryTheirPurpose() throws Exception {
        assertThat(material.server().certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(material.client().certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    }

    @Test
    void everyDaemonGetsItsOwnCa() {
        TlsMaterial other = TlsMaterial.generate(NAMES);

        assertThat(other.caCertificate().getPublicKey()).isNotEqualTo(material.caCertificate().getPublicKey());
        assertThat(other.caCertificate().getSerialNumber()).isNotEqualTo(material.caCertificate().getSerialNumber());
    }

    @Test
    void privateKeysArePkcs8Pem() {
        String key = new String(material.server().privateKeyPem(), StandardCharsets.US_ASCII);

        assertThat(key).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
    }

    @Test
    void serverArchiveKeyIsOwnerOnly() throws IOException {
        Map<String, Integer> modes = new HashMap<>();
        Map<String, String> contents = new HashMap<>();

        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new ByteArrayInputStream(material.serverFilesArchive()))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                modes.put(entry.getName(), entry.getMode() & 0777);
                contents.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.US_ASCII));
            }
        }

        assertThat(modes).containsOnlyKeys("certs/", "certs/server/", "certs/server/ca.pem",
                "certs/server/cert.pem", "certs/server/key.pem");
        assertThat(modes.get("certs/server/key.pem")).isEqualTo(0600);
        assertThat(modes.get("certs/server/cert.pem")).isEqualTo(0644);
        assertThat(contents.get("certs/server/ca.pem")).isEqualTo(
                new String(material.caCertificatePem(), StandardCharsets.US_ASCII));
    }

    @Test
    void serverArchiveGivesServerFilesToDaemonUser() throws IOException {
        Map<String, String> owners = new HashMap<>();
        Map<String, Integer> modes = new HashMap<>();

        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new ByteArrayInputStream(material.serverFilesArchive(1234, 5678)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                owners.put(entry.getName(), entry.getLongUserId() + ":" + entry.getLongGroupId());
                modes.put(entry.getName(), entry.getMode() & 0777);
            }
        }

        assertThat(owners).containsEntry("certs/", "0:0");
        assertThat(owners).containsEntry("certs/server/", "1234:5678");
        assertThat(owners).containsEntry("certs/server/ca.pem", "1234:5678");
        assertThat(owners).containsEntry("certs/server/cert.pem", "1234:5678");
        assertThat(owners).containsEntry("certs/server/key.pem", "1234:5678");
        assertThat(modes.get("certs/server/key.pem")).isEqualTo(0600);
    }

    @Test
    void serverArchiveBelongsToRootByDefault() throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new ByteArrayInputStream(material.serverFilesArchive()))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                assertThat(entry.getLongUserId()).as("uid of %s", entry.getName()).isZero();
                assertThat(entry.getLongGroupId()).as("gid of %s", entry.getName()).isZero();
            }
        }
    }

    @Test
    void sslContextIsBuiltInMemory() {
        assertThat(material.clientSslContext().getProtocol()).isEqualTo("TLS");
    }
}
