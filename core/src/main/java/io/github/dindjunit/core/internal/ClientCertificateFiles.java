package io.github.dindjunit.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes a client's {@code ca.pem}, {@code cert.pem} and {@code key.pem} in the layout of {@code DOCKER_CERT_PATH}. */
public final class ClientCertificateFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private ClientCertificateFiles() {
    }

    /**
     * Writes the three files into a directory, creating it if needed and replacing files of the same names.
     *
     * @param material the daemon's TLS material
     * @param directory the target directory
     * @throws IOException if a file cannot be written
     */
    public static void write(TlsMaterial material, Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.write(directory.resolve("ca.pem"), material.caCertificatePem());
        Files.write(directory.resolve("cert.pem"), material.client().certificatePem());
        writeOwnerOnly(directory, "key.pem", material.client().privateKeyPem());
    }

    /**
     * Writes a file that only its owner may read. The content goes to a temporary file that is created with
     * those permissions and then moved into place, so the key is never readable by others, not even briefly.
     */
    private static void writeOwnerOnly(Path directory, String name, byte[] content) throws IOException {
        boolean posix = Files.getFileStore(directory).supportsFileAttributeView("posix");
        if (!posix) {
            // NOTE: without POSIX permissions (Windows) the file gets the directory's default access rights.
            Files.write(directory.resolve(name), content);
            return;
        }
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        Path temporary = Files.createTempFile(directory, "." + name, ".tmp", ownerOnly);
        try {
            Files.write(temporary, content);
            Files.move(temporary, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
