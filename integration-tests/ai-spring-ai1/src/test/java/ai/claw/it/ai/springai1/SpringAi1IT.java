package ai.claw.it.ai.springai1;

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
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;

import static ai.claw.it.AiSeries.assertTokens;
import static ai.claw.it.AiSeries.count;
import static ai.claw.it.AiSeries.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spring AI 1.1's OpenAI chat model (its own {@code OpenAiApi} on RestClient/WebClient, no OpenAI
 * Java SDK) against a local OpenAI-compatible stub. The model comes from the 1.x
 * {@code getDefaultOptions()}. Each test uses its own model name.
 */
class SpringAi1IT {

    static OpenAiStub stub;

    @BeforeAll
    static void start() {
        stub = AiSeries.startStub();
    }

    @AfterAll
    static void stop() {
        AiSeries.assertAgentSwallowedNoErrors();
        stub.close();
    }

    static ChatModel chatModel(String model) {
        // 1.x OpenAiApi appends /v1/chat/completions to the base URL itself
        String baseUrl = stub.baseUrl().substring(0, stub.baseUrl().length() - "/v1".length());
        OpenAiApi api = OpenAiApi.builder().baseUrl(baseUrl).apiKey("test").build();
        return OpenAiChatModel.builder()
                .openAiApi(api)
                .defaultOptions(OpenAiChatOptions.builder().model(model).streamUsage(true).build())
                .build();
    }

    @Test
    void callRecordsOnceWithExactTokens() {
        ChatResponse response = chatModel("gpt-sai1").call(new Prompt("hello"));
        assertEquals(OpenAiStub.ANSWER, response.getResult().getOutput().getText());
        assertEquals(1, count("gpt-sai1", "success"), "one call: one observation");
        assertTokens("gpt-sai1", OpenAiStub.PROMPT_TOKENS, OpenAiStub.COMPLETION_TOKENS);
    }

    @Test
    void modelFromThePromptOptionsWins() {
        chatModel("gpt-sai1-default").call(new Prompt("hello", OpenAiChatOptions.builder().model("gpt-sai1-prompt").build()));
        assertEquals(1, count("gpt-sai1-prompt", "success"));
        assertEquals(0, count("gpt-sai1-default", "success"));
    }

    @Test
    void slowCallIsTimed() {
        chatModel("gpt-sai1-slow").call(new Prompt("hello " + OpenAiStub.SLOW));
        assertTrue(sum("gpt-sai1-slow", "success") >= 0.3, "stub waited 300 ms: " + sum("gpt-sai1-slow", "success"));
    }

    @Test
    void failedCallIsAnErrorAndTheExceptionReachesTheCaller() {
        ChatModel model = chatModel("gpt-sai1-error");
        RuntimeException e = assertThrows(RuntimeException.class, () -> model.call(new Prompt(OpenAiStub.FAIL)));
        assertTrue(String.valueOf(e.getMessage()).contains("the stub was asked to fail"), e.toString());
        assertEquals(1, count("gpt-sai1-error", "error"));
        assertEquals(0, count("gpt-sai1-error", "success"));
    }

    @Test
    void streamIsTimedToTheLastChunkWithTokensFromTheUsageChunk() {
        List<ChatResponse> chunks = chatModel("gpt-sai1-stream").stream(new Prompt("hello")).collectList().block(Duration.ofSeconds(10));
        StringBuilder text = new StringBuilder();
        for (ChatResponse chunk : chunks) {
            if (chunk.getResult() != null && chunk.getResult().getOutput().getText() != null) {
                text.append(chunk.getResult().getOutput().getText());
            }
        }
        assertEquals("Hello from the stub", text.toString(), "the application sees every chunk");
        Waits.until(Duration.ofSeconds(5), "streamed call recorded", () -> count("gpt-sai1-stream", "success") == 1);
        double seconds = sum("gpt-sai1-stream", "success");
        assertTrue(seconds >= 0.3, "3 chunks 100 ms apart: " + seconds);
        assertTokens("gpt-sai1-stream", OpenAiStub.PROMPT_TOKENS, OpenAiStub.COMPLETION_TOKENS);
    }

    @Test
    void streamStaysLazy() {
        var flux = chatModel("gpt-sai1-lazy").stream(new Prompt("hello"));
        int before = stub.requests().size();
        Waits.sleep(200);
        assertEquals(before, stub.requests().size(), "no request before subscription");
        assertEquals(0, count("gpt-sai1-lazy", "success"));
        flux.blockLast(Duration.ofSeconds(10));
        Waits.until(Duration.ofSeconds(5), "recorded after subscription", () -> count("gpt-sai1-lazy", "success") == 1);
    }
}
