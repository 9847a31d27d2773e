package ai.claw.agent.api;

/**
 * Records business metrics from code. Every method is a no-op without the agent (the JIT
 * removes the call); when the application runs with {@code -javaagent:claw-ai-agent.jar} the
 * agent makes them record into its registry.
 */
public final class ClawMetrics {

    private ClawMetrics() {
    }

    /**
     * Counts one conversation into {@code claw_ai_conversations_total{status}}.
     *
     * @param status e.g. {@code "created"}, {@code "closed"}
     */
    public static void trackConversation(String status) {
        // Bridged by the agent.
    }

    /**
     * Counts one message into {@code claw_ai_messages_total{role}}.
     *
     * @param role e.g. {@code "user"}, {@code "assistant"}
     */
    public static void trackMessage(String role) {
        // Bridged by the agent.
    }

    /**
     * Adds token usage into {@code claw_ai_ai_tokens_total{model, type}}, {@code type} being
     * {@code prompt} and {@code completion}. Negative counts are ignored.
     */
    public static void trackTokens(String model, long promptTokens, long completionTokens) {
        // Bridged by the agent.
    }
}
