package ai.claw.agent.metrics;

/**
 * Test-only: {@code -Dclaw.agent.test.fault=runtime} (or {@code linkage}) makes every recording
 * throw an {@link IllegalStateException} (or a {@link NoClassDefFoundError}) where it looks up its
 * data point, so tests can prove that a failure inside the agent never reaches the application.
 * Read once into a constant: when unset the JIT folds the check in {@link BoundedSeries} away.
 * Deliberately outside the {@code claw.ai.} configuration namespace.
 */
final class FaultInjection {

    static final String PROPERTY = "claw.agent.test.fault";

    static final int NONE = 0;
    static final int RUNTIME = 1;
    static final int LINKAGE = 2;

    static final int MODE = mode(System.getProperty(PROPERTY));

    private FaultInjection() {
    }

    static int mode(String value) {
        if ("runtime".equals(value)) {
            return RUNTIME;
        }
        return "linkage".equals(value) ? LINKAGE : NONE;
    }

    /** Throws the injected failure of {@code mode}; does nothing for {@link #NONE}. */
    static void fail(int mode) {
        if (mode == RUNTIME) {
            throw new IllegalStateException(PROPERTY + "=runtime: injected failure");
        }
        if (mode == LINKAGE) {
            throw new NoClassDefFoundError(PROPERTY + "=linkage: injected failure");
        }
    }
}
