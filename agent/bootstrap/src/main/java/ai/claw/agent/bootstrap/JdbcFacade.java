package ai.claw.agent.bootstrap;

/**
 * JDBC advice calls this. Statements, connections and their wrappers come as {@code Object}
 * ({@code java.sql} is not a bootstrap module on Java 9+).
 *
 * <p>A pool or proxy wraps the driver, so one application call runs the advice several times
 * (HikariCP's {@code HikariProxyPreparedStatement.executeQuery()} calls the driver's). Only the
 * outermost execution on a thread records; nested ones see {@link #enterExecute()} return null.
 * For {@code prepareStatement} it is the other way round: the innermost call (the driver's own
 * connection) names the database system, and the wrappers around it reuse that name.
 */
public final class JdbcFacade {

    /** The agent core's side. */
    public interface Sink {
        /**
         * A statement came out of {@code prepareStatement}/{@code prepareCall} ({@code sql} set) or
         * {@code createStatement} ({@code sql} null). {@code system} is the database system found by
         * a nested call on the same thread, or null. Returns the system the statement was given.
         */
        String prepared(Object connection, Object statement, String sql, String system);

        /** One {@code execute*} finished; {@code sql} is the argument of {@code Statement.execute(sql)}, else null. */
        void executed(long startNanos, Object statement, String sql, Throwable thrown);

        /** One {@code executeBatch}/{@code executeLargeBatch} finished. */
        void batchExecuted(long startNanos, Object statement, Throwable thrown);

        /** {@code Statement.addBatch(sql)}. */
        void batchAdded(Object statement, String sql);

        /** {@code Statement.clearBatch()}. */
        void batchCleared(Object statement);

        /** {@code Statement.close()} returned: the statement will not be executed again. */
        default void closed(Object statement) {
        }
    }

    private static final Sink NOOP = new Sink() {
        @Override
        public String prepared(Object connection, Object statement, String sql, String system) {
            return system;
        }

        @Override
        public void executed(long startNanos, Object statement, String sql, Throwable thrown) {
        }

        @Override
        public void batchExecuted(long startNanos, Object statement, Throwable thrown) {
        }

        @Override
        public void batchAdded(Object statement, String sql) {
        }

        @Override
        public void batchCleared(Object statement) {
        }
    };

    /** What one thread is doing in JDBC right now; one instance per thread, mutated in place. */
    static final class CallState {
        /** An outermost execute/addBatch is running. */
        boolean executing;
        /** When it started ({@code System.nanoTime()}). */
        long start;
        /** How many prepareStatement/createStatement calls are open (wrapper around driver). */
        int preparing;
        /** The system the innermost prepare call found, for the wrappers around it. */
        String system;
        /** The statement last registered by this prepare nest (driver overloads return the same one). */
        Object lastStatement;
    }

    private static final ThreadLocal<CallState> STATE = new ThreadLocal<CallState>() {
        @Override
        protected CallState initialValue() {
            return new CallState();
        }
    };

    private static volatile Sink sink = NOOP;

    private JdbcFacade() {
    }

    public static void install(Sink newSink) {
        sink = newSink == null ? NOOP : newSink;
    }

    /**
     * Entry of an {@code execute*}/{@code addBatch}: returns a token for the exit when this is the
     * outermost statement call on the thread, else null. The token is the thread's own state, so
     * the exit needs no second thread-local lookup.
     */
    public static Object enterExecute() {
        CallState state = STATE.get();
        if (state.executing) {
            return null;
        }
        state.executing = true;
        state.start = System.nanoTime();
        return state;
    }

    /** Exit of the outermost {@code execute*}; {@code sqlArgument} is its first argument, if any. */
    public static void executed(Object call, Object statement, Object sqlArgument, Throwable thrown) {
        CallState state = (CallState) call;
        state.executing = false;
        sink.executed(state.start, statement, sqlArgument instanceof String ? (String) sqlArgument : null, thrown);
    }

    /** Exit of the outermost {@code executeBatch}/{@code executeLargeBatch}. */
    public static void batchExecuted(Object call, Object statement, Throwable thrown) {
        CallState state = (CallState) call;
        state.executing = false;
        sink.batchExecuted(state.start, statement, thrown);
    }

    /** Exit of the outermost {@code addBatch(sql)} (entered with {@link #enterExecute()}). */
    public static void batchAdded(Object call, Object statement, String sql, Throwable thrown) {
        ((CallState) call).executing = false;
        if (thrown == null) {
            sink.batchAdded(statement, sql);
        }
    }

    public static void batchCleared(Object statement) {
        sink.batchCleared(statement);
    }

    public static void closed(Object statement) {
        sink.closed(statement);
    }

    /**
     * Enter of {@code prepareStatement}/{@code prepareCall}/{@code createStatement}: returns the
     * token for {@link #prepared}, the thread's own state (a driver's public overload delegates
     * to another, so one call runs this two or three times: each saves a second lookup).
     */
    public static Object enterPrepare() {
        CallState state = STATE.get();
        state.preparing++;
        return state;
    }

    /** Exit of the same; {@code statement} is null when the call threw. */
    public static void prepared(Object call, Object connection, Object statement, String sql) {
        CallState state = (CallState) call;
        int depth = state.preparing > 0 ? --state.preparing : 0;
        try {
            if (statement != null && statement != state.lastStatement) {
                state.system = sink.prepared(connection, statement, sql, state.system);
                state.lastStatement = statement;
            }
        } finally {
            if (depth == 0) {
                state.system = null;
                state.lastStatement = null;
            }
        }
    }
}
