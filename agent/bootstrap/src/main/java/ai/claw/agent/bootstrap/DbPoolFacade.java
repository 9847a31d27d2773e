package ai.claw.agent.bootstrap;

/**
 * Connection pool advice calls this when a pool starts, so the agent can read the pool's
 * connection counts at scrape time. The pool and its configuration come as {@code Object}.
 */
public final class DbPoolFacade {

    /** The agent core's side. */
    public interface Sink {
        void opened(Object pool, Object config);
    }

    private static final Sink NOOP = new Sink() {
        @Override
        public void opened(Object pool, Object config) {
        }
    };

    private static volatile Sink sink = NOOP;

    private DbPoolFacade() {
    }

    public static void install(Sink newSink) {
        sink = newSink == null ? NOOP : newSink;
    }

    public static void opened(Object pool, Object config) {
        sink.opened(pool, config);
    }
}
