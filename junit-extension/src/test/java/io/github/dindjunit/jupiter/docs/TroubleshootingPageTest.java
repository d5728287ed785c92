package io.github.dindjunit.jupiter.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/troubleshooting.md in step with the code: the page must quote the opening words of every
 * exception message that the published modules throw, so that a user who searches for an error finds it.
 */
class TroubleshootingPageTest {

    private static final String PAGE = "docs/troubleshooting.md";

    /** A thrown exception whose message starts with a string literal. */
    private static final Pattern THROWN_MESSAGE = Pattern.compile(
            "(?:throw new|return new|new) \\w+(?:Exception|Error)\\(\\s*(?:String\\.format\\(\\s*)?\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Messages built in one place and thrown elsewhere, marked in the source with this comment. */
    private static final Pattern MARKED_MESSAGE = Pattern.compile(
            "// Troubleshooting entry\\s*\\n[^\"]*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static final Pattern WORD = Pattern.compile("\\b[A-Za-z][A-Za-z-]+\\b");

    @Test
    void pageQuotesEveryMessage() {
        String page = RepositoryFiles.read(PAGE);
        List<String> openings = messageOpenings();

        assertThat(openings).hasSizeGreaterThan(5);
        assertThat(openings).allSatisfy(opening -> assertThat(page)
                .as("opening of an error message in %s", PAGE)
                .contains(opening));
    }

    /**
     * Returns the opening of each message: the first piece of its literal text, up to a placeholder or the end
     * of the literal, that has at least three words of letters. Shorter messages are left out: they carry no
     * words to search for.
     */
    private static List<String> messageOpenings() {
        List<String> openings = new ArrayList<>();
        for (Path source : RepositoryFiles.mainSources()) {
            String code = read(source);
            for (Pattern pattern : List.of(THROWN_MESSAGE, MARKED_MESSAGE)) {
                Matcher matcher = pattern.matcher(code);
                while (matcher.find()) {
                    opening(matcher.group(1)).ifPresent(openings::add);
                }
            }
        }
        return openings;
    }

    private static java.util.Optional<String> opening(String literal) {
        return Arrays.stream(literal.split("%s|%d|%n|'|\\\\n"))
                .map(String::strip)
                .filter(piece -> WORD.matcher(piece).results().count() >= 3)
                .findFirst();
    }

    private static String read(Path source) {
        try {
            return Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + source, e);
        }
    }
}
