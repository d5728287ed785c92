package io.github.dindjunit.core.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import org.bouncycastle.util.io.pem.PemWriter;

/** PEM encoding of certificates and keys, in the forms that dockerd and the Docker CLI read. */
final class Pem {

    private Pem() {
    }

    static byte[] encode(X509Certificate certificate) {
        try {
            return write(new JcaMiscPEMGenerator(certificate));
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to encode a certificate as PEM", e);
        }
    }

    static byte[] encode(PrivateKey privateKey) {
        try {
            // PKCS #8 ("PRIVATE KEY") rather than SEC1 ("EC PRIVATE KEY"): Go, OpenSSL and Java all read it.
            return write(new JcaPKCS8Generator(privateKey, null));
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to encode a private key as PKCS #8 PEM", e);
        }
    }

    private static byte[] write(PemObjectGenerator generator) throws IOException {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(generator);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
