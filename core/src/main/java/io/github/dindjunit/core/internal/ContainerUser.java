package io.github.dindjunit.core.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jspecify.annotations.Nullable;

/**
 * The user that a container's processes run as, with the numeric ids that the container's own
 * {@code /etc/passwd} and {@code /etc/group} give it. A rootless daemon runs as this user, so the files it
 * reads must belong to these ids, and its socket lies in {@code /run/user/<uid>}.
 *
 * @param name the user name, or the numeric uid when the user has no entry in {@code /etc/passwd}
 * @param uid the numeric user id
 * @param gid the numeric id of the primary group
 */
public record ContainerUser(String name, int uid, int gid) {

    /** The user of a container whose configuration names none. */
    public static final ContainerUser ROOT = new ContainerUser("root", 0, 0);

    /** Returns whether this is uid 0. */
    public boolean isRoot() {
        return uid == 0;
    }

    /**
     * Resolves the user of a created container from its configured user and its own account files, which it
     * copies out before the container starts, so nothing runs inside the container.
     *
     * @param docker the engine that created the container
     * @param containerId the container, created and not necessarily started
     * @param userSpec the container's configured user, as {@code docker inspect} shows it: empty,
     *     {@code name}, {@code uid}, or either followed by {@code :group} or {@code :gid}
     * @throws IllegalArgumentException if a name in {@code userSpec} has no entry in the container's files
     */
    public static ContainerUser read(DockerClient docker, String containerId, @Nullable String userSpec) {
        if (userSpec == null || userSpec.isEmpty()) {
            return ROOT;
        }
        String passwd = readFile(docker, containerId, "/etc/passwd").orElse("");
        String group = readFile(docker, containerId, "/etc/group").orElse("");
        return parse(userSpec, passwd, group);
    }

    /**
     * Resolves a user specification against the contents of {@code /etc/passwd} and {@code /etc/group}, as
     * Docker does: a numeric uid needs no entry, and then its group is 0 unless the specification names one.
     *
     * @param userSpec empty, {@code name}, {@code uid}, or either followed by {@code :group} or {@code :gid}
     * @param passwd the contents of {@code /etc/passwd}
     * @param group the contents of {@code /etc/group}
     * @throws IllegalArgumentException if a name in {@code userSpec} has no entry in the given files
     */
    public static ContainerUser parse(String userSpec, String passwd, String group) {
        if (userSpec.isEmpty()) {
            return ROOT;
        }
        int colon = userSpec.indexOf(':');
        String userPart = colon < 0 ? userSpec : userSpec.substring(0, colon);
        String groupPart = colon < 0 ? "" : userSpec.substring(colon + 1);

        String @Nullable [] account = findEntry(passwd, userPart);
        String name;
        int uid;
        int primaryGid;
        if (account != null) {
            name = account[0];
            uid = Integer.parseInt(account[2]);
            primaryGid = Integer.parseInt(account[3]);
        } else if (isNumber(userPart)) {
            name = userPart;
            uid = Integer.parseInt(userPart);
            primaryGid = 0;
        } else {
            throw new IllegalArgumentException("User '" + userPart + "' has no entry in the container's"
                    + " /etc/passwd");
        }

        if (groupPart.isEmpty()) {
            return new ContainerUser(name, uid, primaryGid);
        }
        String @Nullable [] groupEntry = findEntry(group, groupPart);
        if (groupEntry != null) {
            return new ContainerUser(name, uid, Integer.parseInt(groupEntry[2]));
        }
        if (isNumber(groupPart)) {
            return new ContainerUser(name, uid, Integer.parseInt(groupPart));
        }
        throw new IllegalArgumentException("Group '" + groupPart + "' has no entry in the container's /etc/group");
    }

    /**
     * Finds the line of {@code /etc/passwd} or {@code /etc/group} whose name (the first field) or numeric id
     * (the third) equals {@code key}, and returns its fields. A name match wins over an id match.
     */
    private static String @Nullable [] findEntry(String file, String key) {
        String @Nullable [] byId = null;
        for (String line : file.split("\n")) {
            String[] fields = line.strip().split(":", -1);
            // Both files have at least four fields per entry: passwd has seven, group has four.
            if (fields.length < 4) {
                continue;
            }
            if (fields[0].equals(key)) {
                return fields;
            }
            if (byId == null && fields[2].equals(key)) {
                byId = fields;
            }
        }
        return byId;
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }

    /** Copies one text file out of a container, or returns empty if the container has no such file. */
    private static Optional<String> readFile(DockerClient docker, String containerId, String path) {
        try (InputStream archive = docker.copyArchiveFromContainerCmd(containerId, path).exec();
                TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
            TarArchiveEntry entry = tar.getNextEntry();
            if (entry == null || !entry.isFile()) {
                return Optional.empty();
            }
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            tar.transferTo(content);
            return Optional.of(content.toString(StandardCharsets.UTF_8));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to copy " + path + " out of container " + containerId, e);
        }
    }
}
