package io.github.dindjunit.core.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The certificates and keys of one daemon: a fresh certificate authority, the daemon's server certificate and
 * the client certificate that the daemon accepts.
 *
 * <p>The authority's private key is dropped once both certificates are issued, so nothing can issue further
 * certificates for this daemon.
 *
 * @param caCertificate the certificate of the authority that signed both others
 * @param server the daemon's certificate, with the names clients dial
 * @param client the certificate that clients present
 */
public record TlsMaterial(X509Certificate caCertificate, IssuedCertificate server, IssuedCertificate client) {

    /** The directory in which the {@code docker:dind} entrypoint looks for a server certificate that the caller brings. */
    public static final String SERVER_DIRECTORY = "certs/server";

    /** The password of the in-memory key store; it protects nothing, since the store never leaves memory. */
    private static final char[] KEY_STORE_PASSWORD = "in-memory".toCharArray();

    /**
     * Generates new material for a daemon.
     *
     * @param serverNames the host names and IP addresses that the server certificate covers
     * @return material unrelated to any other daemon's
     */
    public static TlsMaterial generate(List<String> serverNames) {
        CertificateAuthority authority = CertificateAuthority.create("dind-junit CA");
        IssuedCertificate server = authority.issueServerCertificate(serverNames);
        IssuedCertificate client = authority.issueClientCertificate("dind-junit client");
        return new TlsMaterial(authority.certificate(), server, client);
    }

    /** Returns the CA certificate in PEM encoding. */
    public byte[] caCertificatePem() {
        return Pem.encode(caCertificate);
    }

    /**
     * Returns a tar archive with {@code certs/server/ca.pem}, {@code cert.pem} and {@code key.pem}, to be
     * extracted at the root of a DinD container before it starts. The files belong to root, and the key is
     * readable by its owner only.
     */
    public byte[] serverFilesArchive() {
        return serverFilesArchive(0, 0);
    }

    /**
     * Returns a tar archive with {@code certs/server/ca.pem}, {@code cert.pem} and {@code key.pem}, to be
     * extracted at the root of a DinD container before it starts. The server directory and its files belong to
     * the daemon's user, so that a rootless daemon can read its key, which no other user can read.
     *
     * @param uid the numeric user id of the daemon's user inside the container
     * @param gid the numeric id of that user's primary group
     */
    public byte[] serverFilesArchive(int uid, int gid) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            // Docker applies an entry's owner and mode to a directory that exists already, so certs/ stays
            // root's, as in the official images.
            addDirectory(tar, "certs/", 0, 0);
            addDirectory(tar, SERVER_DIRECTORY + "/", uid, gid);
            addFile(tar, SERVER_DIRECTORY + "/ca.pem", caCertificatePem(), 0644, uid, gid);
            addFile(tar, SERVER_DIRECTORY + "/cert.pem", server.certificatePem(), 0644, uid, gid);
            addFile(tar, SERVER_DIRECTORY + "/key.pem", server.privateKeyPem(), 0600, uid, gid);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write the server certificate archive", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Builds an SSL context that presents the client certificate and trusts only this daemon's authority.
     */
    public SSLContext clientSslContext() {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("client", client.privateKey(), KEY_STORE_PASSWORD,
                    new Certificate[] {client.certificate(), caCertificate});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, KEY_STORE_PASSWORD);

            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry("ca", caCertificate);
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trustStore);

            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Failed to build the client SSL context", e);
        }
    }

    private static void addDirectory(TarArchiveOutputStream tar, String name, int uid, int gid) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE);
        entry.setUserId(uid);
        entry.setGroupId(gid);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static void addFile(TarArchiveOutputStream tar, String name, byte[] content, int mode, int uid,
            int gid) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(mode);
        entry.setUserId(uid);
        entry.setGroupId(gid);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
