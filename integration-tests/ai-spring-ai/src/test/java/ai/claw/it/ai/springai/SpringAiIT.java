package ai.claw.it.ai.springai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ai.claw.it.AiSeries;
import ai.claw.it.OpenAiStub;
import ai.claw.it.Scrape;
import ai.claw.it.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.VectorStore;

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
 * Spring AI's OpenAI chat model over HTTP against a local OpenAI-compatible stub. Spring AI 2
 * uses the OpenAI Java SDK inside, which the agent also instruments: one call is still one
 * observation and one set of tokens. Each test uses its own model name.
 */
class SpringAiIT {

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
        return OpenAiChatModel.builder()
                .options(OpenAiChatOptions.builder().baseUrl(stub.baseUrl()).apiKey("test-key").model(model).maxRetries(0).build())
                .build();
    }

    @Test
    void callRecordsOnceWithExactTokens() {
        ChatResponse response = chatModel("gpt-sai").call(new Prompt("hello"));
        assertEquals(OpenAiStub.ANSWER, response.getResult().getOutput().getText());
        assertEquals(1, count("gpt-sai", "success"), "Spring AI around the OpenAI SDK: one observation");
        assertTokens("gpt-sai", OpenAiStub.PROMPT_TOKENS, OpenAiStub.COMPLETION_TOKENS);
    }

    @Test
    void modelFromThePromptOptionsWins() {
        chatModel("gpt-sai-default").call(new Prompt("hello", OpenAiChatOptions.builder().model("gpt-sai-prompt").build()));
        assertEquals(1, count("gpt-sai-prompt", "success"));
        assertEquals(0, count("gpt-sai-default", "success"));
    }

    @Test
    void slowCallIsTimed() {
        chatModel("gpt-sai-slow").call(new Prompt("hello " + OpenAiStub.SLOW));
        assertTrue(sum("gpt-sai-slow", "success") >= 0.3, "stub waited 300 ms: " + sum("gpt-sai-slow", "success"));
    }

    @Test
    void failedCallIsAnErrorAndTheExceptionReachesTheCaller() {
        ChatModel model = chatModel("gpt-sai-error");
        RuntimeException e = assertThrows(RuntimeException.class, () -> model.call(new Prompt(OpenAiStub.FAIL)));
        assertTrue(String.valueOf(e.getMessage()).contains("the stub was asked to fail"), e.toString());
        assertEquals(1, count("gpt-sai-error", "error"));
        assertEquals(0, count("gpt-sai-error", "success"));
    }

    @Test
    void streamIsTimedToTheLastChunkWithTokensFromTheUsageChunk() {
        List<ChatResponse> chunks = chatModel("gpt-sai-stream").stream(new Prompt("hello")).collectList().block();
        StringBuilder text = new StringBuilder();
        for (ChatResponse chunk : chunks) {
            if (chunk.getResult() != null && chunk.getResult().getOutput().getText() != null) {
                text.append(chunk.getResult().getOutput().getText());
            }
        }
        assertEquals("Hello from the stub", text.toString(), "the application sees every chunk");
        Waits.until(Duration.ofSeconds(5), "streamed call recorded", () -> count("gpt-sai-stream", "success") == 1);
        double seconds = sum("gpt-sai-stream", "success");
        assertTrue(seconds >= 0.3, "3 chunks 100 ms apart: " + seconds);
        assertTokens("gpt-sai-stream", OpenAiStub.PROMPT_TOKENS, OpenAiStub.COMPLETION_TOKENS);
    }

    @Test
    void streamStaysLazy() {
        var flux = chatModel("gpt-sai-lazy").stream(new Prompt("hello"));
        int before = stub.requests().size();
        Waits.sleep(200);
        assertEquals(before, stub.requests().size(), "no request before subscription");
        assertEquals(0, count("gpt-sai-lazy", "success"));
        flux.blockLast();
        Waits.until(Duration.ofSeconds(5), "recorded after subscription", () -> count("gpt-sai-lazy", "success") == 1);
    }

    /** A deterministic embedding: letters a–z counted into 26 dimensions. */
    static final class LetterEmbeddings implements EmbeddingModel {
        @Override
        public EmbeddingResponse call(EmbeddingRequest request) {
            List<Embedding> out = new ArrayList<>();
            for (String text : request.getInstructions()) {
                out.add(new Embedding(embed(text), out.size()));
            }
            return new EmbeddingResponse(out);
        }

        @Override
        public float[] embed(Document document) {
            return embed(document.getText());
        }

        @Override
        public float[] embed(String text) {
            float[] v = new float[26];
            for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
                if (c >= 'a' && c <= 'z') {
                    v[c - 'a']++;
                }
            }
            return v;
        }

        @Override
        public int dimensions() {
            return 26;
        }
    }

    @Test
    void vectorStoreOperations() {
        VectorStore store = SimpleVectorStore.builder(new LetterEmbeddings()).build();
        Scrape before = Scrape.own();

        store.add(List.of(new Document("doc-1", "the agent measures latency", java.util.Map.of()),
                new Document("doc-2", "tokens are counted per model", java.util.Map.of())));
        List<Document> hits = store.similaritySearch(SearchRequest.builder().query("latency").topK(1).build());
        assertEquals("doc-1", hits.get(0).getId());
        store.similaritySearch("tokens"); // default method -> similaritySearch(SearchRequest): one operation
        store.delete(List.of("doc-1"));

        Scrape s = Scrape.own();
        assertEquals(1, delta(before, s, VECTOR + "_count", "operation", "add", "outcome", "success"));
        assertEquals(2, delta(before, s, VECTOR + "_count", "operation", "search", "outcome", "success"));
        assertEquals(1, delta(before, s, VECTOR + "_count", "operation", "delete", "outcome", "success"));
        assertNull(s.value(VECTOR + "_count", "operation", "doAdd", "outcome", "success"));
    }
}
