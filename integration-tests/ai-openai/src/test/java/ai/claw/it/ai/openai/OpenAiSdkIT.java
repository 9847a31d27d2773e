package ai.claw.it.ai.openai;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import ai.claw.it.AiSeries;
import ai.claw.it.OpenAiStub;
import ai.claw.it.Waits;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static ai.claw.it.AiSeries.assertTokens;
import static ai.claw.it.AiSeries.count;
import static ai.claw.it.AiSeries.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAI Java SDK over HTTP against a local OpenAI-compatible stub. Each test uses its own model name. */
class OpenAiSdkIT {

    static OpenAiStub stub;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        stub = AiSeries.startStub();
        client = OpenAIOkHttpClient.builder().baseUrl(stub.baseUrl()).apiKey("test-key").maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        AiSeries.assertAgentSwallowedNoErrors();
        client.close();
        stub.close();
    }

    static ChatCompletionCreateParams params(String model, String message) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(message).build();
    }

    @Test
    void createRecordsOnceWithExactTokens() {
        ChatCompletion completion = client.chat().completions().create(params("gpt-oai", "hello"));
        assertEquals(OpenAiStub.RESPONSE_MODEL, completion.model());
        assertEquals(1, count("gpt-oai", "success"), "create(params) -> create(params, options): one observation");
        assertTokens("gpt-oai", OpenAiStub.PROMPT_TOKENS, OpenAiStub.COMPLETION_TOKENS);
    }

    @Test
    void slowCreateIsTimed() {
        client.chat().completions().create(params("gpt-oai-slow", "hello " + OpenAiStub.SLOW));
        assertTrue(sum("gpt-oai-slow", "success") >= 0.3, "stub waited 300 ms: " + sum("gpt-oai-slow", "success"));
    }

    @Test
    void failedCreateIsAnErrorAndTheExceptionReachesTheCaller() {
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> client.chat().completions().create(params("gpt-oai-error", OpenAiStub.FAIL)));
        assertEquals(400, e.statusCode());
        assertEquals(1, count("gpt-oai-error", "error"));
        assertEquals(0, count("gpt-oai-error", "success"));
    }

    @Test
    void asyncCreateIsTimedToItsFuture() throws Exception {
        CompletableFuture<ChatCompletion> future = client.async().chat().completions()
                .create(params("gpt-oai-async", "hello " + OpenAiStub.SLOW));
        assertFalse(future.isDone());
        assertEquals(OpenAiStub.ANSWER, future.get().choices().get(0).message().content().orElse(""));
        Waits.until(Duration.ofSeconds(5), "async call recorded", () -> count("gpt-oai-async", "success") == 1);
        assertTrue(sum("gpt-oai-async", "success") >= 0.3, "timed to completion: " + sum("gpt-oai-async", "success"));
        assertTokens("gpt-oai-async", OpenAiStub.PROMPT_TOKENS, OpenAiStub.COMPLETION_TOKENS);
    }

    @Test
    void failedAsyncCreateIsAnError() {
        CompletableFuture<ChatCompletion> future = client.async().chat().completions()
                .create(params("gpt-oai-async-error", OpenAiStub.FAIL));
        ExecutionException e = assertThrows(ExecutionException.class, future::get);
        assertInstanceOf(BadRequestException.class, e.getCause());
        Waits.until(Duration.ofSeconds(5), "failed async call recorded", () -> count("gpt-oai-async-error", "error") == 1);
    }
}
