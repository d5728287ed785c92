package io.github.dindjunit.jupiter.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds files of the repository from a module's test run, which Maven starts in the module's directory. */
final class RepositoryFiles {

    private RepositoryFiles() {
    }

    static Path root() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isDirectory(directory.resolve("docs")) && Files.isRegularFile(directory.resolve("pom.xml"))
                    && Files.isDirectory(directory.resolve("core"))) {
                return directory;
            }
        }
        throw new IllegalStateException("No repository root (with docs/, core/ and pom.xml) above "
                + Path.of("").toAbsolutePath());
    }

    static String read(String relativePath) {
        try {
            return Files.readString(root().resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + relativePath, e);
        }
    }

    /** Returns every main Java source file of the published modules. */
    static List<Path> mainSources() {
        try (Stream<Path> core = Files.walk(root().resolve("core/src/main/java"));
                Stream<Path> jupiter = Files.walk(root().resolve("junit-extension/src/main/java"))) {
            return Stream.concat(core, jupiter).filter(path -> path.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to list the main sources", e);
        }
    }
}
