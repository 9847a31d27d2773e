package ai.claw.agent.bootstrap;

/**
 * Receives every exception that advice suppresses, so a failure inside the agent is counted
 * ({@code claw_ai_agent_errors_total}) and reported, never thrown into the application.
 */
public final class AgentHealth {

    /** Where suppressed failures go once the core is installed. */
    public interface Sink {
        void suppressed(Throwable error);
    }

    private static final Sink NOOP = new Sink() {
        @Override
        public void suppressed(Throwable error) {
        }
    };

    private static volatile Sink sink = NOOP;

    private AgentHealth() {
    }

    public static void install(Sink newSink) {
        sink = newSink == null ? NOOP : newSink;
    }

    /** Called by ByteBuddy's exception handler of every advice; must never throw. */
    public static void suppressed(Throwable error) {
        try {
            sink.suppressed(error);
        } catch (Throwable ignored) {
            // Nothing may escape into the application.
        }
    }
}
