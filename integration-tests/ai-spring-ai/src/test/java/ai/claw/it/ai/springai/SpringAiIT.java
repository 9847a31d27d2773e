package ai.claw.it.ai.springai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ai.claw.it.Scrape;
import ai.claw.it.springai.SpringAiChatTests;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;
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
import static ai.claw.it.Growth.delta;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Spring AI 2: the chat tests shared with Spring AI 1 ({@link SpringAiChatTests}), here through
 * the OpenAI Java SDK that Spring AI 2 uses inside, which the agent also instruments: one call is
 * still one observation and one set of tokens. And SimpleVectorStore's operations.
 */
class SpringAiIT extends SpringAiChatTests {

    @Override
    protected ChatModel chatModel(String model) {
        return OpenAiChatModel.builder()
                .options(OpenAiChatOptions.builder().baseUrl(stub.baseUrl()).apiKey("test-key").model(model).maxRetries(0).build())
                .build();
    }

    @Override
    protected String prefix() {
        return "gpt-sai";
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
