package ai.claw.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling with a deadline, for things that become true asynchronously. */
public final class Waits {

    private Waits() {
    }

    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException | AssertionError ignored) {
                // not yet
            }
            sleep(50);
        }
        if (!condition.getAsBoolean()) {
            throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
