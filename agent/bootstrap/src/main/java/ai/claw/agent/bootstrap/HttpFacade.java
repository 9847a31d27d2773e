package ai.claw.agent.bootstrap;

/**
 * The code woven into servlets and filters calls this. A request is recorded once, by the
 * outermost {@code Filter.doFilter}/{@code Servlet.service} on its thread; nested filters,
 * servlets, forwards and includes see {@link #enter()} return null and {@link #exit()} 0.
 */
public final class HttpFacade {

    /** The agent core's side. Request and response objects come as {@code Object}. */
    public interface Sink {
        void started();

        void finished(long startNanos, String method, String uri, Object route, int status, Object response);

        /**
         * Returns a listener implementing {@code listenerType} (javax or jakarta
         * {@code AsyncListener}) that records the request when it completes, or null to record
         * it now.
         */
        Object asyncListener(Class<?> listenerType, long startNanos, String method, String uri, Object route, Object response);
    }

    private static final Sink NOOP = new Sink() {
        @Override
        public void started() {
        }

        @Override
        public void finished(long startNanos, String method, String uri, Object route, int status, Object response) {
        }

        @Override
        public Object asyncListener(Class<?> listenerType, long startNanos, String method, String uri, Object route, Object response) {
            return null;
        }
    };

    /** What one thread is in: how many service/doFilter calls deep, and when its recorded request started. */
    static final class State {
        int depth;
        /** {@code System.nanoTime()} at the start of the outermost REQUEST dispatch, 0 if none is recorded. */
        long start;
    }

    private static final ThreadLocal<State> STATE = new ThreadLocal<State>() {
        @Override
        protected State initialValue() {
            return new State();
        }
    };

    private static volatile Sink sink = NOOP;

    private HttpFacade() {
    }

    public static void install(Sink newSink) {
        sink = newSink == null ? NOOP : newSink;
    }

    /**
     * Entry of every {@code service}/{@code doFilter}: returns the thread's state when this is the
     * outermost call on the thread (hand it to {@link #started} if it is a REQUEST dispatch), else
     * null. Every entry is matched by one {@link #exit()}.
     */
    public static Object enter() {
        State state = STATE.get();
        return state.depth++ == 0 ? state : null;
    }

    /** The outermost call is a REQUEST dispatch: its request is recorded when it exits. */
    public static void started(Object state) {
        sink.started();
        long now = System.nanoTime();
        ((State) state).start = now == 0L ? 1L : now;
    }

    /** Exit of every {@code service}/{@code doFilter}: the start time when the outermost recorded call exits, else 0. */
    public static long exit() {
        State state = STATE.get();
        if (--state.depth > 0) {
            return 0L;
        }
        state.depth = 0;
        long start = state.start;
        state.start = 0L;
        return start;
    }

    public static void finished(long startNanos, String method, String uri, Object route, int status, Object response) {
        sink.finished(startNanos, method, uri, route, status, response);
    }

    public static Object asyncListener(Class<?> listenerType, long startNanos, String method, String uri, Object route, Object response) {
        return sink.asyncListener(listenerType, startNanos, method, uri, route, response);
    }
}
