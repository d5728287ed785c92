package io.github.dindjunit.core.internal;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A certificate together with the private key of its subject.
 *
 * @param certificate the certificate, signed by a {@link CertificateAuthority}
 * @param privateKey the private key that matches the certificate's public key
 */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey) {

    /** Returns the certificate in PEM encoding. */
    public byte[] certificatePem() {
        return Pem.encode(certificate);
    }

    /** Returns the private key in unencrypted PKCS #8 PEM encoding. */
    public byte[] privateKeyPem() {
        return Pem.encode(privateKey);
    }
}
