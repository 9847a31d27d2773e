package ai.claw.it.ai.langchain4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import ai.claw.agent.api.ClawMetrics;
import ai.claw.agent.api.TrackAiResponse;
import ai.claw.it.AiSeries;
import ai.claw.it.OpenAiStub;
import ai.claw.it.Scrape;
import ai.claw.it.Waits;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static ai.claw.it.AiSeries.AI;
import static ai.claw.it.AiSeries.TOKENS;
import static ai.claw.it.AiSeries.VECTOR;
import static ai.claw.it.AiSeries.assertTokens;
import static ai.claw.it.AiSeries.count;
import static ai.claw.it.AiSeries.sum;
import static ai.claw.it.Growth.delta;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LangChain4j's OpenAI models talk over HTTP to a local OpenAI-compatible stub; the application
 * code below is plain LangChain4j, measured by the agent alone. Each test uses its own model name.
 */
class LangChain4jIT {

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
        return OpenAiChatModel.builder().baseUrl(stub.baseUrl()).apiKey("test-key").modelName(model).maxRetries(0).build();
    }

    static StreamingChatModel streamingModel(String model) {
        return OpenAiStreamingChatModel.builder().baseUrl(stub.baseUrl()).apiKey("test-key").modelName(model).build();
    }

    /**
     * Streams {@code question}, each partial response added to {@code partials}: the future
     * completes with the complete response, or exceptionally with the handler's error.
     */
    static CompletableFuture<ChatResponse> stream(StreamingChatModel model, String question, List<String> partials) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(question, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {
                partials.add(partialResponse);
            }

            @Override
            public void onCompleteResponse(ChatResponse completeResponse) {
                done.complete(completeResponse);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        return done;
    }

    @Test
    void chatRecordsOneCallWithExactTokensUnderTheRequestedModel() {
        String answer = chatModel("gpt-lc4j").chat("hello");
        assertEquals(OpenAiStub.ANSWER, answer);
        // chat(String) -> chat(ChatRequest) -> chat(request, options) -> doChat: recorded once
        assertEquals(1, count("gpt-lc4j", "success"));
        assertTokens("gpt-lc4j", OpenAiStub.PROMPT_TOKENS, OpenAiStub.COMPLETION_TOKENS);
        assertNull(Scrape.own().value(TOKENS, "model", OpenAiStub.RESPONSE_MODEL, "type", "prompt"),
                "the requested model labels the call, success and error alike");
    }

    @Test
    void slowAnswerIsTimed() {
        chatModel("gpt-lc4j-slow").chat("hello " + OpenAiStub.SLOW);
        assertTrue(sum("gpt-lc4j-slow", "success") >= 0.3, "stub waited 300 ms: " + sum("gpt-lc4j-slow", "success"));
    }

    @Test
    void failedCallIsAnErrorAndTheExceptionReachesTheCaller() {
        ChatModel model = chatModel("gpt-lc4j-error");
        RuntimeException e = assertThrows(RuntimeException.class, () -> model.chat(OpenAiStub.FAIL));
        assertTrue(String.valueOf(e.getMessage()).contains("the stub was asked to fail"), e.toString());
        assertEquals(1, count("gpt-lc4j-error", "error"));
        assertEquals(0, count("gpt-lc4j-error", "success"));
        assertNull(Scrape.own().value(TOKENS, "model", "gpt-lc4j-error", "type", "prompt"));
    }

    @Test
    void streamingIsTimedToTheLastChunk() throws Exception {
        List<String> partials = new ArrayList<>();
        ChatResponse response = stream(streamingModel("gpt-lc4j-stream"), "hello", partials).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("Hello ", "from the ", "stub"), partials, "the application's handler sees every chunk");
        assertEquals(OpenAiStub.PROMPT_TOKENS, response.tokenUsage().inputTokenCount().longValue());

        Waits.until(Duration.ofSeconds(5), "streamed call recorded", () -> count("gpt-lc4j-stream", "success") == 1);
        double seconds = sum("gpt-lc4j-stream", "success");
        assertTrue(seconds >= 0.3, "3 chunks 100 ms apart, not the return of chat(): " + seconds);
        assertTokens("gpt-lc4j-stream", OpenAiStub.PROMPT_TOKENS, OpenAiStub.COMPLETION_TOKENS);
    }

    @Test
    void failedStreamIsAnError() {
        CompletableFuture<ChatResponse> failed = stream(streamingModel("gpt-lc4j-stream-error"), OpenAiStub.FAIL, new ArrayList<>());
        assertThrows(ExecutionException.class, () -> failed.get(10, TimeUnit.SECONDS), "the handler got onError");
        Waits.until(Duration.ofSeconds(5), "failed stream recorded", () -> count("gpt-lc4j-stream-error", "error") == 1);
        assertEquals(0, count("gpt-lc4j-stream-error", "success"));
    }

    /** Application code that annotates its own method around a client call. */
    static class AnnotatedService {
        final ChatModel model = chatModel("gpt-lc4j-wrapped");

        @TrackAiResponse(model = "wrapper")
        String reply(String question) {
            String answer = model.chat(question);
            ClawMetrics.trackTokens("wrapper", 100, 100); // the client already reported: ignored
            return answer;
        }
    }

    @Test
    void annotationAroundAClientCallIsCountedOnce() {
        new AnnotatedService().reply("hi");
        Scrape s = Scrape.own();
        s.assertValue(1, AI + "_count", "model", "wrapper", "outcome", "success");
        assertNull(s.value(AI + "_count", "model", "gpt-lc4j-wrapped", "outcome", "success"),
                "the outermost call (the annotation) records the duration");
        assertTokens("gpt-lc4j-wrapped", OpenAiStub.PROMPT_TOKENS, OpenAiStub.COMPLETION_TOKENS);
        assertNull(s.value(TOKENS, "model", "wrapper", "type", "prompt"), "trackTokens after the client reported is ignored");
    }

    /** Application code that annotates a method waiting for a streamed answer. */
    static class AnnotatedStreamingService {
        final StreamingChatModel model = streamingModel("gpt-lc4j-stream-wrapped");

        @TrackAiResponse(model = "stream-wrapper")
        String reply(String question) throws Exception {
            return stream(model, question, new ArrayList<>()).get(10, TimeUnit.SECONDS).aiMessage().text();
        }
    }

    @Test
    void annotationAroundAStreamingCallRecordsItsDurationAndTheClientsTokens() throws Exception {
        assertEquals("Hello from the stub", new AnnotatedStreamingService().reply("hi"));
        Waits.until(Duration.ofSeconds(5), "tokens of the streamed call", () -> Scrape.own()
                .valueOrZero(TOKENS, "model", "gpt-lc4j-stream-wrapped", "type", "completion") == OpenAiStub.COMPLETION_TOKENS);
        Scrape s = Scrape.own();
        s.assertValue(1, AI + "_count", "model", "stream-wrapper", "outcome", "success");
        assertTrue(sum("stream-wrapper", "success") >= 0.3);
        assertNull(s.value(AI + "_count", "model", "gpt-lc4j-stream-wrapped", "outcome", "success"));
        assertTokens("gpt-lc4j-stream-wrapped", OpenAiStub.PROMPT_TOKENS, OpenAiStub.COMPLETION_TOKENS);
    }

    @Test
    void embeddingStoreOperations() {
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        Scrape before = Scrape.own();

        String id = store.add(Embedding.from(new float[] {1, 0, 0}), TextSegment.from("one"));
        store.addAll(List.of(Embedding.from(new float[] {0, 1, 0}), Embedding.from(new float[] {0, 0, 1})));
        int hits = store.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(new float[] {1, 0, 0}))
                .maxResults(2).build()).matches().size();
        assertEquals(2, hits);
        store.remove(id); // default method calling removeAll(ids): one operation
        store.removeAll(List.of("no-such-id"));

        Scrape s = Scrape.own();
        assertEquals(2, delta(before, s, VECTOR + "_count", "operation", "add", "outcome", "success"));
        assertEquals(1, delta(before, s, VECTOR + "_count", "operation", "search", "outcome", "success"));
        assertEquals(2, delta(before, s, VECTOR + "_count", "operation", "remove", "outcome", "success"));
    }
}
