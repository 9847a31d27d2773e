package ai.claw.it.ai.annotations;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import ai.claw.agent.api.AiModel;
import ai.claw.agent.api.ClawMetrics;
import ai.claw.agent.api.TrackAiResponse;
import ai.claw.agent.api.TrackConversation;
import ai.claw.agent.api.TrackMessage;
import ai.claw.agent.api.TrackVectorDb;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Annotated methods of every shape; each test uses its own label values. */
public class Fixtures implements Assistant {

    static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "fixture-timer");
        t.setDaemon(true);
        return t;
    });

    /** The exception a failing method throws; tests check it arrives unchanged. */
    public static final class ModelDown extends RuntimeException {
        public ModelDown(String message) {
            super(message);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @TrackAiResponse(model = "instance")
    public String complete(String prompt) {
        sleep(20);
        return "done: " + prompt;
    }

    @TrackAiResponse(model = "static")
    public static long staticComplete() {
        sleep(10);
        return 42L;
    }

    @TrackAiResponse(model = "private")
    private String privateComplete() {
        return "private";
    }

    public String callPrivate() {
        return privateComplete();
    }

    @TrackAiResponse
    public String defaultModel() {
        return "x";
    }

    @TrackAiResponse(model = "fallback-model")
    public String withRuntimeModel(String prompt, @AiModel String model) {
        return prompt;
    }

    @TrackAiResponse(model = "failing")
    public String failing() {
        throw new ModelDown("the model is down");
    }

    @TrackAiResponse(model = "void-model")
    public void voidCall() {
    }

    @TrackAiResponse(model = "future")
    public CompletableFuture<String> future(long millis) {
        CompletableFuture<String> f = new CompletableFuture<>();
        TIMER.schedule(() -> f.complete("late"), millis, TimeUnit.MILLISECONDS);
        return f;
    }

    @TrackAiResponse(model = "failed-future")
    public CompletionStage<String> failedFuture(long millis) {
        CompletableFuture<String> f = new CompletableFuture<>();
        TIMER.schedule(() -> f.completeExceptionally(new ModelDown("async failure")), millis, TimeUnit.MILLISECONDS);
        return f;
    }

    @TrackAiResponse(model = "mono")
    public Mono<String> mono(long millis) {
        return Mono.just("mono").delayElement(Duration.ofMillis(millis));
    }

    @TrackAiResponse(model = "flux")
    public Flux<String> flux(int chunks, long millisEach) {
        return Flux.range(1, chunks).delayElements(Duration.ofMillis(millisEach)).map(i -> "chunk" + i);
    }

    @TrackAiResponse(model = "failing-flux")
    public Flux<String> failingFlux() {
        return Flux.concat(Flux.just("a"), Flux.<String>error(new ModelDown("stream broke")).delaySubscription(Duration.ofMillis(50)));
    }

    /** Declared as Object: a Mono returned through it is still timed to its signal. */
    @TrackAiResponse(model = "object-mono")
    public Object objectMono(long millis) {
        return Mono.just("x").delayElement(Duration.ofMillis(millis));
    }

    @TrackAiResponse(model = "outer")
    public String outer() {
        return complete("nested") + staticComplete();
    }

    @TrackAiResponse(model = "tokens-inside")
    public String withTokens() {
        ClawMetrics.trackTokens("tokens-inside", 11, 7);
        return "t";
    }

    @TrackVectorDb(operation = "upsert-it")
    public void upsert(String id) {
        sleep(5);
    }

    @TrackVectorDb(operation = "search-it")
    public int vectorSearch(String query) {
        return innerSearch(query);
    }

    @TrackVectorDb(operation = "inner-search-it")
    public int innerSearch(String query) {
        return query.length();
    }

    @TrackVectorDb(operation = "failing-search")
    public int failingSearch() {
        throw new IllegalStateException("index missing");
    }

    @TrackVectorDb(operation = "future-search")
    public CompletableFuture<Integer> futureSearch(long millis) {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        TIMER.schedule(() -> f.complete(1), millis, TimeUnit.MILLISECONDS);
        return f;
    }

    @TrackVectorDb(operation = "mono-search")
    public Mono<Integer> monoSearch(long millis) {
        return Mono.just(1).delayElement(Duration.ofMillis(millis));
    }

    @TrackConversation(status = "created-it")
    public String createConversation() {
        return "c";
    }

    @TrackConversation(status = "failed-it")
    public String failingConversation() {
        throw new IllegalArgumentException("no title");
    }

    @TrackMessage(role = "user-it")
    public String userMessage() {
        return assistantMessage();
    }

    @TrackMessage(role = "assistant-it")
    public String assistantMessage() {
        return "reply";
    }

    @TrackMessage(role = "recursive-it")
    public int recursive(int depth) {
        return depth == 0 ? 0 : 1 + recursive(depth - 1);
    }

    @Override
    public String ask(String question) {
        return complete(question);
    }
}
