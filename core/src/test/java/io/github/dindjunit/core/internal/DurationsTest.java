package io.github.dindjunit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "90 s, PT90S",
        "90s, PT90S",
        "500 ms, PT0.5S",
        "2 m, PT2M",
        "1 h, PT1H",
        "1 d, PT24H",
        "PT90S, PT90S",
        "pt1m30s, PT90S",
        "' 7 S ', PT7S",
    })
    void parsesBothNotations(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "90", "s", "-5 s", "1.5 s", "90 sec", "99999999999999999999 s"})
    void rejectsOtherText(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid duration '" + text + "': expected " + Durations.FORMAT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 s", "PT0S", "PT-5S"})
    void rejectsZeroAndNegative(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid duration '" + text + "': it must be positive");
    }

    @ParameterizedTest
    @CsvSource({"PT0.64S, 640 ms", "PT60S, 60 s", "PT1.5S, 1.5 s"})
    void formatsForPeople(String duration, String expected) {
        assertThat(Durations.format(Duration.parse(duration))).isEqualTo(expected);
    }
}
