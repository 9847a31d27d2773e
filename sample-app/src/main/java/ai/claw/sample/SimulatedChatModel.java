package ai.claw.sample;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import ai.claw.agent.api.ClawMetrics;
import ai.claw.agent.api.TrackAiResponse;

import org.springframework.stereotype.Component;

/**
 * Stands in for a hosted LLM ("glm-4"): it takes 20–200 ms, writes a reply from the question and
 * the retrieved context, and reports token usage (one token per whitespace-separated word).
 */
@Component
public class SimulatedChatModel implements AssistantModel {

    public static final String MODEL = "glm-4";

    /**
     * A user message whose content is exactly this makes the model throw
     * {@link ModelFailureException}, so {@code POST /api/conversations/{id}/messages} answers 500.
     * The demo traffic sends it on purpose now and then.
     */
    public static final String FAIL_TRIGGER = "/fail";

    private static final String SYSTEM_PROMPT = "You are CLAW.AI, a helpful assistant. Answer briefly.";
    private static final String[] OPENERS = {"Good question about \"%s\".", "Let me think about \"%s\".", "About \"%s\":"};
    private static final String[] CLOSERS = {"Anything else I can help with?", "Does that answer it?",
            "Ask me for more detail if you need it."};

    /** What the model is asked: the question, retrieved context and recent history. */
    public record Prompt(String question, List<String> context, List<Message> history) {

        /** The full text sent to the model; its words are the prompt tokens. */
        public String render() {
            StringBuilder text = new StringBuilder(SYSTEM_PROMPT).append('\n');
            for (String c : context) {
                text.append("context: ").append(c).append('\n');
            }
            for (Message m : history) {
                text.append(m.role()).append(": ").append(m.content()).append('\n');
            }
            return text.append("user: ").append(question).toString();
        }
    }

    /** The model's answer and its token usage. */
    public record Completion(String text, long promptTokens, long completionTokens) {
    }

    /** The simulated model failed (see {@link #FAIL_TRIGGER}). */
    public static class ModelFailureException extends RuntimeException {
        public ModelFailureException(String message) {
            super(message);
        }
    }

    @Override
    public String modelName() {
        return MODEL;
    }

    @Override
    @TrackAiResponse(model = MODEL)
    public Completion complete(Prompt prompt) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            Thread.sleep(random.nextLong(20, 201));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (prompt.question().trim().equals(FAIL_TRIGGER)) {
            throw new ModelFailureException("the simulated model failed on purpose (message was " + FAIL_TRIGGER + ")");
        }
        StringBuilder reply = new StringBuilder(String.format(OPENERS[random.nextInt(OPENERS.length)],
                firstWords(prompt.question(), 6)));
        if (!prompt.context().isEmpty()) {
            reply.append(" Here is what I know: ").append(prompt.context().get(0));
        }
        reply.append(' ').append(CLOSERS[random.nextInt(CLOSERS.length)]);

        long promptTokens = countTokens(prompt.render());
        long completionTokens = countTokens(reply.toString());
        ClawMetrics.trackTokens(MODEL, promptTokens, completionTokens);
        return new Completion(reply.toString(), promptTokens, completionTokens);
    }

    static long countTokens(String text) {
        String trimmed = text.trim();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }

    private static String firstWords(String text, int n) {
        String[] words = text.trim().split("\\s+");
        return words.length <= n ? text.trim() : String.join(" ", List.of(words).subList(0, n)) + " ...";
    }
}
