package io.github.dindjunit.core.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and formats durations in the notation of JUnit's time-out settings ({@code 90 s}, {@code 500 ms},
 * {@code 2 m}), and also accepts ISO-8601 ({@code PT90S}).
 */
public final class Durations {

    /** The accepted forms, for error messages. */
    public static final String FORMAT = "a positive whole number and a unit (ms, s, m, h or d), such as '90 s',"
            + " or an ISO-8601 duration such as 'PT90S'";

    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private static final Map<String, ChronoUnit> UNITS = Map.of(
            "ms", ChronoUnit.MILLIS,
            "s", ChronoUnit.SECONDS,
            "m", ChronoUnit.MINUTES,
            "h", ChronoUnit.HOURS,
            "d", ChronoUnit.DAYS);

    private Durations() {
    }

    /**
     * Parses a positive duration.
     *
     * @param text the duration, such as {@code 90 s} or {@code PT90S}
     * @return the duration
     * @throws IllegalArgumentException if the text is in neither form or is not positive
     */
    public static Duration parse(String text) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        Duration duration;
        Matcher matcher = NUMBER_AND_UNIT.matcher(trimmed);
        try {
            if (matcher.matches()) {
                duration = Duration.of(Long.parseLong(matcher.group(1)), UNITS.get(matcher.group(2)));
            } else {
                duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("Invalid duration '" + text + "': expected " + FORMAT, e);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("Invalid duration '" + text + "': it must be positive");
        }
        return duration;
    }

    /**
     * Formats a duration for people: {@code 640 ms}, {@code 60 s}, {@code 1.5 s}.
     *
     * @param duration the duration to format
     * @return the duration in milliseconds below one second, in seconds otherwise
     */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
