package ai.claw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The agent's AI series, read from this JVM's own scrape, for AI client tests against
 * {@link OpenAiStub}: {@link #startStub()} in {@code @BeforeAll}; {@link #assertAgentSwallowedNoErrors()}
 * in {@code @AfterAll}, before closing the stub.
 */
public final class AiSeries {

    public static final String AI = "claw_ai_ai_response_duration_seconds";
    public static final String TOKENS = "claw_ai_ai_tokens_total";
    public static final String VECTOR = "claw_ai_vector_db_operation_duration_seconds";
    public static final String AGENT_ERRORS = "claw_ai_agent_errors_total";

    private AiSeries() {
    }

    /** Waits until this JVM's agent serves its port (its instrumentation is in place), then starts the stub. */
    public static OpenAiStub startStub() {
        Scrape.awaitOwnAgent();
        return OpenAiStub.start();
    }

    /** The agent counted no error of its own (one it caught and swallowed) in this JVM. */
    public static void assertAgentSwallowedNoErrors() {
        Scrape s = Scrape.own();
        assertEquals(0, s.sum(AGENT_ERRORS), "agent errors:\n" + s.describe(AGENT_ERRORS));
    }

    /** Calls recorded for the model with this outcome (0 when none). */
    public static double count(String model, String outcome) {
        return Scrape.own().valueOrZero(AI + "_count", "model", model, "outcome", outcome);
    }

    /** Seconds recorded for the model with this outcome (0 when none). */
    public static double sum(String model, String outcome) {
        return Scrape.own().valueOrZero(AI + "_sum", "model", model, "outcome", outcome);
    }

    /** The model's prompt and completion token counters hold exactly these values. */
    public static void assertTokens(String model, long prompt, long completion) {
        Scrape s = Scrape.own();
        s.assertValue(prompt, TOKENS, "model", model, "type", "prompt");
        s.assertValue(completion, TOKENS, "model", model, "type", "completion");
    }
}
