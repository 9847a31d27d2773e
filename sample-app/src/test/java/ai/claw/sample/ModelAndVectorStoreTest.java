package ai.claw.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ModelAndVectorStoreTest {

    private final SimulatedChatModel model = new SimulatedChatModel();

    @Test
    void replyAndTokenCountsComeFromTheText() {
        SimulatedChatModel.Prompt prompt = new SimulatedChatModel.Prompt("What is the pool size?",
                List.of("The pool has ten connections."), List.of());
        long start = System.nanoTime();
        SimulatedChatModel.Completion completion = model.complete(prompt);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(millis).isBetween(20L, 1_000L);
        assertThat(completion.text()).contains("What is the pool size?").contains("The pool has ten connections.");
        assertThat(completion.promptTokens()).isEqualTo(SimulatedChatModel.countTokens(prompt.render()));
        assertThat(completion.completionTokens()).isEqualTo(SimulatedChatModel.countTokens(completion.text()));
        assertThat(SimulatedChatModel.countTokens("  one two\tthree\n")).isEqualTo(3);
        assertThat(SimulatedChatModel.countTokens(" ")).isZero();
    }

    @Test
    void failTriggerThrows() {
        assertThatThrownBy(() -> model.complete(new SimulatedChatModel.Prompt(" /fail ", List.of(), List.of())))
                .isInstanceOf(SimulatedChatModel.ModelFailureException.class);
    }

    @Test
    void searchFindsTheClosestDocumentAndUpsertReplaces() {
        VectorStore store = new VectorStore();
        int seeded = store.size();
        assertThat(store.search("prompt and completion tokens per model", 1).get(0).id()).isEqualTo("kb-tokens");

        store.upsert("message-1", "my favourite colour is teal");
        store.upsert("message-1", "my favourite colour is teal and orange");
        assertThat(store.size()).isEqualTo(seeded + 1);
        VectorStore.Match best = store.search("My favourite colour is teal and orange!", 3).get(0);
        assertThat(best.id()).isEqualTo("message-1");
        assertThat(best.score()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(store.search("anything", 100)).hasSize(seeded + 1);
    }
}
