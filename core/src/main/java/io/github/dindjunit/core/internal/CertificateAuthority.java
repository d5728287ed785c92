package io.github.dindjunit.core.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * A certificate authority that lives only in this JVM: its private key is never written anywhere.
 *
 * <p>Keys are EC P-256, which dockerd, the Docker CLI and Java all accept, and which takes milliseconds to
 * generate where RSA 4096 takes seconds. The JDK's own providers generate and sign; Bouncy Castle only
 * builds the certificate structures, so no security provider is registered globally.
 */
public final class CertificateAuthority {

    /**
     * How far back certificates are dated, so that a daemon whose clock runs slightly behind the JVM's
     * still accepts them.
     */
    private static final Duration BACKDATING = Duration.ofHours(1);

    /** How long certificates are valid: longer than any test run is expected to keep a daemon. */
    private static final Duration VALIDITY = Duration.ofDays(7);

    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IssuedCertificate root;
    private final JcaX509ExtensionUtils extensionUtils;

    private CertificateAuthority(IssuedCertificate root, JcaX509ExtensionUtils extensionUtils) {
        this.root = root;
        this.extensionUtils = extensionUtils;
    }

    /**
     * Generates a new authority with a self-signed root certificate.
     *
     * @param commonName the common name of the root certificate's subject
     * @return a fresh authority, unrelated to any other
     */
    public static CertificateAuthority create(String commonName) {
        try {
            JcaX509ExtensionUtils extensionUtils = new JcaX509ExtensionUtils();
            KeyPair keyPair = generateKeyPair();
            X500Name subject = new X500Name("CN=" + commonName);

            X509v3CertificateBuilder builder = newBuilder(subject, subject, keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensionUtils.createSubjectKeyIdentifier(keyPair.getPublic()));
            X509Certificate certificate = sign(builder, keyPair);

            return new CertificateAuthority(new IssuedCertificate(certificate, keyPair.getPrivate()), extensionUtils);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("Failed to create a certificate authority", e);
        }
    }

    /** Returns the root certificate that clients and servers trust. */
    public X509Certificate certificate() {
        return root.certificate();
    }

    /**
     * Issues a TLS server certificate.
     *
     * @param subjectAlternativeNames the host names and IP addresses that clients may dial; the first one is
     *     also the subject's common name
     * @return the certificate and its private key
     */
    public IssuedCertificate issueServerCertificate(List<String> subjectAlternativeNames) {
        if (subjectAlternativeNames.isEmpty()) {
            throw new IllegalArgumentException("A server certificate needs at least one subject alternative name");
        }
        GeneralName[] names = subjectAlternativeNames.stream()
                .map(CertificateAuthority::toGeneralName)
                .toArray(GeneralName[]::new);
        return issue(subjectAlternativeNames.get(0), KeyPurposeId.id_kp_serverAuth, new GeneralNames(names));
    }

    /**
     * Issues a TLS client certificate.
     *
     * @param commonName the common name of the client's subject
     * @return the certificate and its private key
     */
    public IssuedCertificate issueClientCertificate(String commonName) {
        return issue(commonName, KeyPurposeId.id_kp_clientAuth, null);
    }

    private IssuedCertificate issue(String commonName, KeyPurposeId purpose, GeneralNames alternativeNames) {
        try {
            KeyPair keyPair = generateKeyPair();
            X500Name issuer = X500Name.getInstance(root.certificate().getSubjectX500Principal().getEncoded());

            X509v3CertificateBuilder builder = newBuilder(issuer, new X500Name("CN=" + commonName), keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensionUtils.createAuthorityKeyIdentifier(root.certificate()));
            if (alternativeNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
            }
            X509Certificate certificate = sign(builder, new KeyPair(root.certificate().getPublicKey(), root.privateKey()));

            return new IssuedCertificate(certificate, keyPair.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("Failed to issue a certificate for " + commonName, e);
        }
    }

    private static X509v3CertificateBuilder newBuilder(X500Name issuer, X500Name subject, PublicKey publicKey) {
        Instant now = Instant.now();
        BigInteger serial = new BigInteger(159, RANDOM);
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(now.minus(BACKDATING)),
                Date.from(now.plus(VALIDITY)), subject, publicKey);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws GeneralSecurityException {
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(signer.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("Failed to sign a certificate with " + SIGNATURE_ALGORITHM, e);
        }
    }

    private static KeyPair generateKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static GeneralName toGeneralName(String name) {
        String address = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        if (IPAddress.isValid(address)) {
            return new GeneralName(GeneralName.iPAddress, address);
        }
        return new GeneralName(GeneralName.dNSName, name);
    }
}
