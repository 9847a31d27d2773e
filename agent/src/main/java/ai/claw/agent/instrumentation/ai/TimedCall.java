package ai.claw.agent.instrumentation.ai;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One operation being timed until it ends: a synchronous call, a future, one subscription to a
 * Reactor publisher, or a streaming call. Whatever ends it first (result, error, cancel) records
 * it, exactly once.
 */
public abstract class TimedCall {

    /** Starts a call; for Reactor results, once per subscription. */
    public interface Factory {
        TimedCall start(long startNanos);
    }

    /** Stands in for a failure reported without a throwable. */
    private static final Throwable UNSPECIFIED = new Throwable("failed without an exception", null, false, false) {
    };

    protected final long startNanos;
    private final AtomicBoolean done = new AtomicBoolean();

    protected TimedCall(long startNanos) {
        this.startNanos = startNanos;
    }

    /** A streamed element or chunk arrived. */
    public void next(Object value) {
    }

    /** Ended normally; {@code value} is the result, or null for a stream whose elements came through {@link #next}. */
    public final void succeeded(Object value) {
        if (done.compareAndSet(false, true)) {
            record(value, null);
        }
    }

    /** Ended with an error; {@code error} may be null when the library reported none. */
    public final void failed(Throwable error) {
        if (done.compareAndSet(false, true)) {
            record(null, error != null ? error : UNSPECIFIED);
        }
    }

    public final boolean isDone() {
        return done.get();
    }

    protected abstract void record(Object value, Throwable error);

    static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
