package io.github.dindjunit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class DaemonSlotsTest {

    @Test
    void acquireWaitsUntilSlotIsReleased() throws Exception {
        DaemonSlots slots = new DaemonSlots(1);
        DaemonSlots.Slot first = slots.acquire(true, "first");

        CompletableFuture<DaemonSlots.Slot> second = CompletableFuture.supplyAsync(() -> slots.acquire(true, "second"));

        assertThatThrownBy(() -> second.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        first.release();
        assertThat(second.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(slots.taken()).isEqualTo(1);
    }

    @Test
    void acquireWithoutWaitingExceedsCap() {
        DaemonSlots slots = new DaemonSlots(1);
        slots.acquire(true, "enclosing");

        DaemonSlots.Slot nested = slots.acquire(false, "nested");

        assertThat(slots.taken()).isEqualTo(2);
        nested.release();
        assertThat(slots.taken()).isEqualTo(1);
    }

    @Test
    void secondReleaseDoesNothing() {
        DaemonSlots slots = new DaemonSlots(2);
        DaemonSlots.Slot slot = slots.acquire(true, "one");

        slot.release();
        slot.release();

        assertThat(slots.taken()).isZero();
    }

    @Test
    void capBelowOneIsRejected() {
        assertThatThrownBy(() -> new DaemonSlots(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid maximum 0: it must be at least 1");
    }
}
