package ai.claw.agent.bootstrap;

/**
 * Lettuce advice calls this when a command is dispatched. The sink answers with a completion
 * callback (a {@code java.util.function.BiConsumer}) that the advice attaches to the command, so
 * sync, async and reactive commands are all timed from dispatch to completion.
 */
public final class LettuceFacade {

    /** The agent core's side. */
    public interface Sink {
        /**
         * A command is being dispatched: {@code type} is its {@code ProtocolKeyword}. Returns the
         * {@code BiConsumer<Object, Throwable>} to run when it completes, or null.
         */
        Object dispatched(Object type, Object command);
    }

    private static final Sink NOOP = new Sink() {
        @Override
        public Object dispatched(Object type, Object command) {
            return null;
        }
    };

    private static volatile Sink sink = NOOP;

    private LettuceFacade() {
    }

    public static void install(Sink newSink) {
        sink = newSink == null ? NOOP : newSink;
    }

    public static Object dispatched(Object type, Object command) {
        return sink.dispatched(type, command);
    }
}
