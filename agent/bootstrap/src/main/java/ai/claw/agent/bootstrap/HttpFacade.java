package ai.claw.agent.bootstrap;

/**
 * Servlet advice calls this. A request is recorded once, by the outermost
 * {@code Filter.doFilter}/{@code Servlet.service} on its thread; nested filters, servlets,
 * forwards and includes see {@link #enter()} return 0 and do nothing.
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

    /** One mutable flag per thread: no allocation per request. */
    private static final ThreadLocal<boolean[]> IN_REQUEST = new ThreadLocal<boolean[]>() {
        @Override
        protected boolean[] initialValue() {
            return new boolean[1];
        }
    };

    private static volatile Sink sink = NOOP;

    private HttpFacade() {
    }

    public static void install(Sink newSink) {
        sink = newSink == null ? NOOP : newSink;
    }

    /** Returns the start time when this is the outermost call on the thread, else 0. */
    public static long enter() {
        boolean[] inRequest = IN_REQUEST.get();
        if (inRequest[0]) {
            return 0L;
        }
        inRequest[0] = true;
        sink.started();
        long now = System.nanoTime();
        return now == 0L ? 1L : now;
    }

    /** First thing the outermost exit does, so the flag is cleared whatever happens next. */
    public static void leave() {
        IN_REQUEST.get()[0] = false;
    }

    public static void finished(long startNanos, String method, String uri, Object route, int status, Object response) {
        sink.finished(startNanos, method, uri, route, status, response);
    }

    public static Object asyncListener(Class<?> listenerType, long startNanos, String method, String uri, Object route, Object response) {
        return sink.asyncListener(listenerType, startNanos, method, uri, route, response);
    }
}
