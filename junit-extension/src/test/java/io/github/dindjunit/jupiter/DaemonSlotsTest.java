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
        DaemonSlots.Slot first = slots.acquire(null, "first");

        CompletableFuture<DaemonSlots.Slot> second = CompletableFuture.supplyAsync(() -> slots.acquire(null, "second"));

        assertThatThrownBy(() -> second.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        first.release();
        assertThat(second.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(slots.taken()).isEqualTo(1);
    }

    @Test
    void nestedDaemonUsesReserveWhenSlotsAreTaken() throws Exception {
        DaemonSlots slots = new DaemonSlots(1);
        slots.acquire(null, "enclosing");
        DaemonSlots.Reserve reserve = new DaemonSlots.Reserve();

        DaemonSlots.Slot nested = slots.acquire(reserve, "nested");
        CompletableFuture<DaemonSlots.Slot> sibling = CompletableFuture.supplyAsync(
                () -> slots.acquire(reserve, "sibling"));

        assertThat(slots.taken()).as("slots taken besides the reserve").isEqualTo(1);
        assertThatThrownBy(() -> sibling.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        nested.release();
        assertThat(sibling.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(slots.taken()).isEqualTo(1);
    }

    @Test
    void nestedDaemonPrefersFreeSlot() {
        DaemonSlots slots = new DaemonSlots(2);
        slots.acquire(null, "enclosing");
        DaemonSlots.Reserve reserve = new DaemonSlots.Reserve();

        slots.acquire(reserve, "nested");

        assertThat(slots.taken()).isEqualTo(2);
    }

    @Test
    void secondReleaseDoesNothing() {
        DaemonSlots slots = new DaemonSlots(2);
        DaemonSlots.Slot slot = slots.acquire(null, "one");

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
