package ai.claw.it.springai;

import java.time.Duration;
import java.util.List;

import ai.claw.it.AiSeries;
import ai.claw.it.OpenAiStub;
import ai.claw.it.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatOptions;

import static ai.claw.it.AiSeries.assertTokens;
import static ai.claw.it.AiSeries.count;
import static ai.claw.it.AiSeries.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spring AI's OpenAI chat model, call and stream, over HTTP against a local OpenAI-compatible
 * stub: the same assertions for every Spring AI major version, whose modules build the chat
 * model their own way ({@link #chatModel}). Each test uses its own model name, prefixed by
 * {@link #prefix()} so the versions never share a series.
 */
public abstract class SpringAiChatTests {

    protected static OpenAiStub stub;

    @BeforeAll
    protected static void start() {
        stub = AiSeries.startStub();
    }

    @AfterAll
    protected static void stop() {
        AiSeries.assertAgentSwallowedNoErrors();
        stub.close();
    }

    /** An OpenAI chat model of this Spring AI version, talking to {@link #stub}, {@code model} by default. */
    protected abstract ChatModel chatModel(String model);

    /** The start of every model name this version's tests use. */
    protected abstract String prefix();

    private String model(String suffix) {
        return prefix() + suffix;
    }

    @Test
    void callRecordsOnceWithExactTokens() {
        ChatResponse response = chatModel(model("")).call(new Prompt("hello"));
        assertEquals(OpenAiStub.ANSWER, response.getResult().getOutput().getText());
        assertEquals(1, count(model(""), "success"), "one call: one observation, whatever client Spring AI uses inside");
        assertTokens(model(""), OpenAiStub.PROMPT_TOKENS, OpenAiStub.COMPLETION_TOKENS);
    }

    @Test
    void modelFromThePromptOptionsWins() {
        chatModel(model("-default")).call(new Prompt("hello", OpenAiChatOptions.builder().model(model("-prompt")).build()));
        assertEquals(1, count(model("-prompt"), "success"));
        assertEquals(0, count(model("-default"), "success"));
    }

    @Test
    void slowCallIsTimed() {
        chatModel(model("-slow")).call(new Prompt("hello " + OpenAiStub.SLOW));
        assertTrue(sum(model("-slow"), "success") >= 0.3, "stub waited 300 ms: " + sum(model("-slow"), "success"));
    }

    @Test
    void failedCallIsAnErrorAndTheExceptionReachesTheCaller() {
        ChatModel chat = chatModel(model("-error"));
        RuntimeException e = assertThrows(RuntimeException.class, () -> chat.call(new Prompt(OpenAiStub.FAIL)));
        assertTrue(String.valueOf(e.getMessage()).contains("the stub was asked to fail"), e.toString());
        assertEquals(1, count(model("-error"), "error"));
        assertEquals(0, count(model("-error"), "success"));
    }

    @Test
    void streamIsTimedToTheLastChunkWithTokensFromTheUsageChunk() {
        List<ChatResponse> chunks = chatModel(model("-stream")).stream(new Prompt("hello")).collectList().block(Duration.ofSeconds(10));
        StringBuilder text = new StringBuilder();
        for (ChatResponse chunk : chunks) {
            if (chunk.getResult() != null && chunk.getResult().getOutput().getText() != null) {
                text.append(chunk.getResult().getOutput().getText());
            }
        }
        assertEquals("Hello from the stub", text.toString(), "the application sees every chunk");
        Waits.until(Duration.ofSeconds(5), "streamed call recorded", () -> count(model("-stream"), "success") == 1);
        double seconds = sum(model("-stream"), "success");
        assertTrue(seconds >= 0.3, "3 chunks 100 ms apart: " + seconds);
        assertTokens(model("-stream"), OpenAiStub.PROMPT_TOKENS, OpenAiStub.COMPLETION_TOKENS);
    }

    @Test
    void streamStaysLazy() {
        var flux = chatModel(model("-lazy")).stream(new Prompt("hello"));
        int before = stub.requests().size();
        Waits.sleep(200);
        assertEquals(before, stub.requests().size(), "no request before subscription");
        assertEquals(0, count(model("-lazy"), "success"));
        flux.blockLast(Duration.ofSeconds(10));
        Waits.until(Duration.ofSeconds(5), "recorded after subscription", () -> count(model("-lazy"), "success") == 1);
    }
}
