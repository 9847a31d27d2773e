package ai.claw.it.reliability;

import ai.claw.agent.api.TrackAiResponse;
import ai.claw.agent.api.TrackConversation;
import ai.claw.agent.api.TrackMessage;
import ai.claw.agent.api.TrackVectorDb;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** The application's annotated AI code: sync, failing and asynchronous calls. */
public class Assistant {

    public static final String MODEL = "rel-model";
    public static final String ASYNC_MODEL = "rel-async-model";

    private final Executor later = CompletableFuture.delayedExecutor(30, TimeUnit.MILLISECONDS);

    @TrackAiResponse(model = MODEL)
    public String answer(String question) {
        return "answer to " + question;
    }

    /** Throws with the caller's message, as a model client does with the server's error text. */
    @TrackAiResponse(model = MODEL)
    public String fail(String message) {
        throw new IllegalArgumentException(message);
    }

    @TrackAiResponse(model = ASYNC_MODEL)
    public CompletableFuture<String> answerLater(String question) {
        return CompletableFuture.supplyAsync(() -> "later answer to " + question, later);
    }

    @TrackAiResponse(model = ASYNC_MODEL)
    public CompletableFuture<String> failLater(String message) {
        return CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException(message);
        }, later);
    }

    @TrackVectorDb(operation = "search")
    public List<String> search(String query) {
        return List.of("doc about " + query, "another doc");
    }

    @TrackConversation(status = "created")
    public long createConversation(long id) {
        return id;
    }

    @TrackMessage(role = "user")
    public String say(String content) {
        return content.toUpperCase(java.util.Locale.ROOT);
    }
}
