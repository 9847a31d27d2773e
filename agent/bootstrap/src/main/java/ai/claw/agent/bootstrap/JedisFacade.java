package ai.claw.agent.bootstrap;

/**
 * Jedis advice calls this; connections and command objects come as {@code Object}.
 *
 * <p>A command is recorded once. {@code Connection.executeCommand(CommandObject)} (Jedis 4+)
 * times a command from send to reply by itself. Commands sent without it (pipelines,
 * transactions, the classic {@code Jedis} helpers that send and read directly, all of Jedis 3)
 * are timed from their {@code sendCommand} to the read of their reply on the same connection.
 * While one of these calls, or the connection handshake, runs on a thread, the sends and reads
 * it makes itself see {@link #enter()} return 0 and are ignored.
 */
public final class JedisFacade {

    /** The agent core's side. */
    public interface Sink {
        /** {@code executeCommand} finished: {@code command} is its {@code ProtocolCommand}. */
        void executed(long startNanos, Object command, Throwable thrown);

        /** A command was written to {@code connection} (its reply comes later), or failed to be. */
        void sent(long startNanos, Object connection, Object command, Throwable thrown);

        /** One reply was read from {@code connection} ({@code thrown}: an error reply or a broken connection). */
        void replied(Object connection, Throwable thrown);
    }

    private static final Sink NOOP = new Sink() {
        @Override
        public void executed(long startNanos, Object command, Throwable thrown) {
        }

        @Override
        public void sent(long startNanos, Object connection, Object command, Throwable thrown) {
        }

        @Override
        public void replied(Object connection, Throwable thrown) {
        }
    };

    /** One mutable flag per thread: a measured call is running. */
    private static final ThreadLocal<boolean[]> BUSY = new ThreadLocal<boolean[]>() {
        @Override
        protected boolean[] initialValue() {
            return new boolean[1];
        }
    };

    private static volatile Sink sink = NOOP;

    private JedisFacade() {
    }

    public static void install(Sink newSink) {
        sink = newSink == null ? NOOP : newSink;
    }

    /** Returns the start time when no measured call is running on this thread, else 0. */
    public static long enter() {
        boolean[] busy = BUSY.get();
        if (busy[0]) {
            return 0L;
        }
        busy[0] = true;
        long now = System.nanoTime();
        return now == 0L ? 1L : now;
    }

    /** First thing an exit that entered with a start time does, so the flag is cleared whatever happens next. */
    public static void leave() {
        BUSY.get()[0] = false;
    }

    public static void executed(long startNanos, Object command, Throwable thrown) {
        sink.executed(startNanos, command, thrown);
    }

    public static void sent(long startNanos, Object connection, Object command, Throwable thrown) {
        sink.sent(startNanos, connection, command, thrown);
    }

    /** A reply read outside any measured call pairs with the oldest command sent on its connection. */
    public static void replied(Object connection, Throwable thrown) {
        if (!BUSY.get()[0]) {
            sink.replied(connection, thrown);
        }
    }
}
