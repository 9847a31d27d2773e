package ai.claw.it.ai.annotations;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import ai.claw.agent.api.ClawMetrics;
import ai.claw.it.Scrape;
import ai.claw.it.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API jar's annotations and ClawMetrics under the real agent jar (this JVM runs with
 * -javaagent). Each test uses its own label values, so tests read their own series.
 */
class AiAnnotationsIT {

    static final String AI = "claw_ai_ai_response_duration_seconds";
    static final String VECTOR = "claw_ai_vector_db_operation_duration_seconds";
    static final String TOKENS = "claw_ai_ai_tokens_total";
    static final String CONVERSATIONS = "claw_ai_conversations_total";
    static final String MESSAGES = "claw_ai_messages_total";

    final Fixtures fixtures = new Fixtures();

    @BeforeAll
    static void agentIsUp() {
        // The side port opens once instrumentation is installed.
        Waits.until(Duration.ofSeconds(20), "the agent's /metrics", () -> Scrape.own() != null);
        // Load Reactor's operators and schedulers once, so timing assertions do not measure class loading.
        Flux.range(1, 2).delayElements(Duration.ofMillis(1)).map(i -> i).collectList().block();
        Mono.just(1).delayElement(Duration.ofMillis(1)).block();
        Mono.defer(() -> Mono.just(1).doOnEach(s -> { }).doOnCancel(() -> { })).block();
    }

    @AfterAll
    static void agentSwallowedNoErrors() {
        Scrape s = Scrape.own();
        assertEquals(0, s.sum("claw_ai_agent_errors_total"), "agent errors:\n" + s.describe("claw_ai_agent_errors_total"));
    }

    static double aiCount(String model, String outcome) {
        return Scrape.own().valueOrZero(AI + "_count", "model", model, "outcome", outcome);
    }

    static double aiSum(String model, String outcome) {
        return Scrape.own().valueOrZero(AI + "_sum", "model", model, "outcome", outcome);
    }

    static double vectorCount(String operation, String outcome) {
        return Scrape.own().valueOrZero(VECTOR + "_count", "operation", operation, "outcome", outcome);
    }

    static void awaitAiCount(String model, String outcome, double expected) {
        Waits.until(Duration.ofSeconds(5), model + "/" + outcome + " count " + expected, () -> aiCount(model, outcome) == expected);
    }

    // ---- method shapes ---------------------------------------------------------------------

    @Test
    void instanceStaticPrivateVoidAndInterfaceDefaultMethods() {
        double instance = aiCount("instance", "success");
        fixtures.complete("hello");
        Fixtures.staticComplete();
        fixtures.callPrivate();
        fixtures.voidCall();
        fixtures.answer("q");
        fixtures.defaultModel();

        assertEquals(instance + 1, aiCount("instance", "success"));
        assertTrue(aiSum("instance", "success") >= 0.02, "the instance call slept 20 ms");
        Scrape s = Scrape.own();
        s.assertValue(1, AI + "_count", "model", "static", "outcome", "success");
        s.assertValue(1, AI + "_count", "model", "private", "outcome", "success");
        s.assertValue(1, AI + "_count", "model", "void-model", "outcome", "success");
        s.assertValue(1, AI + "_count", "model", "iface-default", "outcome", "success");
        s.assertValue(1, AI + "_count", "model", "unknown", "outcome", "success");
    }

    @Test
    void aiModelArgumentWinsWhenNotNull() {
        fixtures.withRuntimeModel("p", "gpt-runtime");
        fixtures.withRuntimeModel("p", null);
        fixtures.answerWith("iface-runtime", "q");
        Scrape s = Scrape.own();
        s.assertValue(1, AI + "_count", "model", "gpt-runtime", "outcome", "success");
        s.assertValue(1, AI + "_count", "model", "fallback-model", "outcome", "success");
        s.assertValue(1, AI + "_count", "model", "iface-runtime", "outcome", "success");
    }

    @Test
    void exceptionIsCountedAsErrorAndRethrownUnchanged() {
        Fixtures.ModelDown thrown = assertThrows(Fixtures.ModelDown.class, fixtures::failing);
        assertEquals("the model is down", thrown.getMessage());
        assertEquals("failing", thrown.getStackTrace()[0].getMethodName(), "thrown from the method itself, not the agent");
        Scrape s = Scrape.own();
        s.assertValue(1, AI + "_count", "model", "failing", "outcome", "error");
        assertEquals(null, s.value(AI + "_count", "model", "failing", "outcome", "success"));
    }

    // ---- async and reactive ----------------------------------------------------------------

    @Test
    void completableFutureIsTimedToCompletionAndLeftAsItIs() throws Exception {
        CompletableFuture<String> future = fixtures.future(300);
        assertFalse(future.isDone());
        assertSame(CompletableFuture.class, future.getClass(), "the method's own future is returned");
        assertEquals(0, aiCount("future", "success"), "not recorded before completion");
        assertEquals("late", future.get());
        awaitAiCount("future", "success", 1);
        assertTrue(aiSum("future", "success") >= 0.3, "timed to completion: " + aiSum("future", "success"));
    }

    @Test
    void failedFutureIsAnError() {
        CompletionStage<String> stage = fixtures.failedFuture(300);
        ExecutionException e = assertThrows(ExecutionException.class, () -> stage.toCompletableFuture().get());
        assertInstanceOf(Fixtures.ModelDown.class, e.getCause());
        awaitAiCount("failed-future", "error", 1);
        assertTrue(aiSum("failed-future", "error") >= 0.3);
        assertEquals(0, aiCount("failed-future", "success"));
    }

    @Test
    void monoStaysLazyAndIsTimedFromSubscriptionToItsSignal() {
        Mono<String> mono = fixtures.mono(300);
        Fixtures.sleep(400);
        assertEquals(0, aiCount("mono", "success"), "nothing happens before subscription");
        assertEquals("mono", mono.block());
        awaitAiCount("mono", "success", 1);
        double seconds = aiSum("mono", "success");
        assertTrue(seconds >= 0.3, "timed to the signal: " + seconds);
        assertTrue(seconds < 0.6, "timed from subscription, not from the call 400 ms earlier: " + seconds);

        mono.block();
        awaitAiCount("mono", "success", 2);
    }

    @Test
    void fluxIsTimedToItsLastElement() {
        List<String> chunks = fixtures.flux(3, 100).collectList().block();
        assertEquals(List.of("chunk1", "chunk2", "chunk3"), chunks);
        awaitAiCount("flux", "success", 1);
        assertTrue(aiSum("flux", "success") >= 0.3, "3 chunks 100 ms apart: " + aiSum("flux", "success"));
    }

    @Test
    void failingFluxIsAnErrorAndTheErrorReachesTheSubscriber() {
        Fixtures.ModelDown e = assertThrows(Fixtures.ModelDown.class, () -> fixtures.failingFlux().collectList().block());
        assertEquals("stream broke", e.getMessage());
        awaitAiCount("failing-flux", "error", 1);
        assertEquals(0, aiCount("failing-flux", "success"));
    }

    @Test
    void monoReturnedAsObjectIsTimedToo() {
        Object result = fixtures.objectMono(300);
        assertInstanceOf(Mono.class, result);
        ((Mono<?>) result).block();
        awaitAiCount("object-mono", "success", 1);
        assertTrue(aiSum("object-mono", "success") >= 0.3);
    }

    // ---- counted once -----------------------------------------------------------------------

    @Test
    void nestedAnnotatedCallsRecordOnlyTheOutermost() {
        double instance = aiCount("instance", "success");
        double statics = aiCount("static", "success");
        fixtures.outer();
        assertEquals(1, aiCount("outer", "success"));
        assertEquals(instance, aiCount("instance", "success"));
        assertEquals(statics, aiCount("static", "success"));
    }

    @Test
    void proxyCopyingTheAnnotationCountsOnce() {
        CopyingProxy proxy = new CopyingProxy();
        double instance = aiCount("instance", "success");
        double assistant = Scrape.own().valueOrZero(MESSAGES, "role", "assistant-it");
        proxy.complete("p");
        proxy.assistantMessage();
        assertEquals(instance + 1, aiCount("instance", "success"));
        assertEquals(assistant + 1, Scrape.own().valueOrZero(MESSAGES, "role", "assistant-it"));
    }

    @Test
    void springCglibAndJdkProxiesCountOnce() {
        ProxyFactory cglib = new ProxyFactory(new Fixtures());
        cglib.setProxyTargetClass(true);
        Fixtures subclassProxy = (Fixtures) cglib.getProxy();
        assertTrue(AopUtils.isCglibProxy(subclassProxy));

        ProxyFactory jdk = new ProxyFactory(new Fixtures());
        jdk.addInterface(Assistant.class);
        Assistant interfaceProxy = (Assistant) jdk.getProxy();
        assertTrue(AopUtils.isJdkDynamicProxy(interfaceProxy));

        double instance = aiCount("instance", "success");
        double iface = aiCount("iface-default", "success");
        subclassProxy.complete("x");
        interfaceProxy.answer("y");
        interfaceProxy.ask("z");
        assertEquals(instance + 2, aiCount("instance", "success"), "CGLIB proxy and JDK proxy -> target: one each");
        assertEquals(iface + 1, aiCount("iface-default", "success"));
    }

    // ---- vector store, conversations, messages ----------------------------------------------

    @Test
    void vectorOperations() throws Exception {
        fixtures.upsert("id-1");
        assertEquals(5, fixtures.vectorSearch("hello"));
        fixtures.search("iface");
        IllegalStateException e = assertThrows(IllegalStateException.class, fixtures::failingSearch);
        assertEquals("index missing", e.getMessage());
        assertEquals(1, fixtures.futureSearch(300).get());
        assertEquals(1, fixtures.monoSearch(300).block());

        Waits.until(Duration.ofSeconds(5), "async vector operations", () -> vectorCount("future-search", "success") == 1
                && vectorCount("mono-search", "success") == 1);
        Scrape s = Scrape.own();
        s.assertValue(1, VECTOR + "_count", "operation", "upsert-it", "outcome", "success");
        s.assertValue(1, VECTOR + "_count", "operation", "search-it", "outcome", "success");
        assertEquals(null, s.value(VECTOR + "_count", "operation", "inner-search-it", "outcome", "success"),
                "nested vector operation records nothing");
        s.assertValue(1, VECTOR + "_count", "operation", "iface-search", "outcome", "success");
        s.assertValue(1, VECTOR + "_count", "operation", "failing-search", "outcome", "error");
        assertTrue(s.value(VECTOR + "_sum", "operation", "future-search", "outcome", "success") >= 0.3);
        assertTrue(s.value(VECTOR + "_sum", "operation", "mono-search", "outcome", "success") >= 0.3);
    }

    @Test
    void conversationsAndMessagesCountOnNormalReturn() {
        fixtures.createConversation();
        assertThrows(IllegalArgumentException.class, fixtures::failingConversation);
        fixtures.userMessage(); // calls assistantMessage(): a different role, so both count
        fixtures.recursive(3); // the same role nested: counts once
        Scrape s = Scrape.own();
        s.assertValue(1, CONVERSATIONS, "status", "created-it");
        assertEquals(null, s.value(CONVERSATIONS, "status", "failed-it"));
        s.assertValue(1, MESSAGES, "role", "user-it");
        assertTrue(s.valueOrZero(MESSAGES, "role", "assistant-it") >= 1);
        s.assertValue(1, MESSAGES, "role", "recursive-it");
    }

    // ---- ClawMetrics bridge ------------------------------------------------------------------

    @Test
    void clawMetricsRecordsAndIgnoresNegativeTokens() {
        ClawMetrics.trackConversation("bridge-created");
        ClawMetrics.trackConversation("bridge-created");
        ClawMetrics.trackMessage("bridge-user");
        ClawMetrics.trackTokens("bridge-model", 11, 7);
        ClawMetrics.trackTokens("bridge-model", -5, 3);
        Scrape s = Scrape.own();
        s.assertValue(2, CONVERSATIONS, "status", "bridge-created");
        s.assertValue(1, MESSAGES, "role", "bridge-user");
        s.assertValue(11, TOKENS, "model", "bridge-model", "type", "prompt");
        s.assertValue(10, TOKENS, "model", "bridge-model", "type", "completion");
    }

    @Test
    void trackTokensInsideAnAnnotatedMethodWithoutAClientRecords() {
        fixtures.withTokens();
        Scrape s = Scrape.own();
        s.assertValue(11, TOKENS, "model", "tokens-inside", "type", "prompt");
        s.assertValue(7, TOKENS, "model", "tokens-inside", "type", "completion");
        s.assertValue(1, AI + "_count", "model", "tokens-inside", "outcome", "success");
    }

    @Test
    void fluxSubscribedTwiceIsTwoCalls() {
        Flux<String> flux = fixtures.flux(1, 10);
        double before = aiCount("flux", "success");
        flux.blockLast();
        flux.blockLast();
        awaitAiCount("flux", "success", before + 2);
    }
}
