package ai.claw.agent.instrumentation.ai;

import ai.claw.agent.bootstrap.AiFacade;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The counting-once rules of {@link AiFacade}, driven the way inlined advice drives it, with a
 * sink that writes down what it was asked to record (and, like {@link AiRecorder}, claims the
 * tokens of a synchronous response).
 */
class AiFacadeRulesTest {

    /** What the sink was asked to record. */
    final List<String> recorded = new ArrayList<>();

    @BeforeEach
    void installRecordingSink() {
        AiFacade.install(new AiFacade.Sink() {
            @Override
            public Object aiCall(int client, long startNanos, Object target, Object request, String model, Object result,
                                 Throwable thrown, boolean wrapReactive, boolean reportTokens) {
                String name = model != null ? model : (String) request;
                if (startNanos != 0L) {
                    recorded.add("duration " + name + (thrown == null ? "" : " error"));
                }
                if (reportTokens && client != AiFacade.ANNOTATION && thrown == null) {
                    recorded.add("tokens " + name);
                    AiFacade.markTokensReported();
                }
                return result;
            }

            @Override
            public Object streamingHandler(int client, long startNanos, Object target, Object request, Object handler) {
                recorded.add("stream " + request + (startNanos != 0L ? " with duration" : " tokens only"));
                return "wrapped " + handler;
            }

            @Override
            public void streamingFailed(Object handler, Throwable thrown) {
                recorded.add("stream failed " + handler);
            }

            @Override
            public Object vectorOperation(long startNanos, String operation, Object result, Throwable thrown, boolean wrap) {
                recorded.add("vector " + operation);
                return result;
            }

            @Override
            public void conversation(String status) {
                recorded.add("conversation " + status);
            }

            @Override
            public void message(String role) {
                recorded.add("message " + role);
            }

            @Override
            public void tokens(String model, long promptTokens, long completionTokens) {
                recorded.add("trackTokens " + model);
            }
        });
    }

    @AfterEach
    void uninstall() {
        AiFacade.install(null);
    }

    /** A client call as ClientCallAdvice runs it, {@code inside} running in its body. */
    static void client(String name, Runnable inside) {
        long start = AiFacade.enterAi();
        inside.run();
        AiFacade.clientExit(AiFacade.OPENAI, start, null, name, "response", null, false);
    }

    /** An annotated method as TrackAiResponseAdvice runs it. */
    static void annotated(String model, Runnable inside) {
        long start = AiFacade.enterAi();
        inside.run();
        AiFacade.annotatedExit(start, model, null, null);
    }

    static final Runnable NOTHING = () -> { };

    @Test
    void onlyTheOutermostAnnotatedCallRecords() {
        annotated("outer", () -> annotated("inner", NOTHING));
        assertEquals(List.of("duration outer"), recorded);
    }

    @Test
    void clientInsideClientRecordsOneDurationAndTheInnerTokens() {
        client("spring-ai", () -> client("openai-sdk", NOTHING));
        assertEquals(List.of("tokens openai-sdk", "duration spring-ai"), recorded);
    }

    @Test
    void annotationAroundClientsRecordsTheAnnotationDurationAndEachClientsTokens() {
        annotated("wrapper", () -> {
            client("first", NOTHING);
            client("second", NOTHING);
            trackTokens("wrapper");
        });
        assertEquals(List.of("tokens first", "tokens second", "duration wrapper"), recorded,
                "trackTokens after a client reported in the same method is ignored");
    }

    @Test
    void tokensClaimedDeepInsideReachEveryEnclosingFrame() {
        annotated("wrapper", () -> {
            client("spring-ai", () -> client("openai-sdk", NOTHING));
            trackTokens("wrapper");
        });
        assertEquals(List.of("tokens openai-sdk", "duration wrapper"), recorded);
    }

    @Test
    void trackTokensCountsWithoutAClientAndOutsideAnyCall() {
        annotated("simulated", () -> trackTokens("simulated"));
        trackTokens("free");
        assertEquals(List.of("trackTokens simulated", "duration simulated", "trackTokens free"), recorded);
    }

    @Test
    void framesAreBalancedAfterExceptions() {
        long start = AiFacade.enterAi();
        AiFacade.annotatedExit(start, "failing", null, new IllegalStateException());
        annotated("next", NOTHING);
        assertEquals(List.of("duration failing error", "duration next"), recorded);
    }

    @Test
    void exitWithoutEnterDoesNothing() {
        AiFacade.annotatedExit(0L, "never", null, null);
        AiFacade.clientExit(AiFacade.OPENAI, 0L, null, "never", "response", null, false);
        annotated("after", NOTHING);
        assertEquals(List.of("duration after"), recorded);
    }

    @Test
    void streamingWrapsOnlyTheOutermostStreamingCall() {
        long chat = AiFacade.enterAi();
        Object handler = AiFacade.streamingHandler(AiFacade.LANGCHAIN4J, chat, null, "chat", "handler");
        long doChat = AiFacade.enterAi();
        Object inner = AiFacade.streamingHandler(AiFacade.LANGCHAIN4J, doChat, null, "doChat", "observing");
        AiFacade.streamingExit(doChat, inner, null);
        AiFacade.streamingExit(chat, handler, null);
        assertEquals("wrapped handler", handler);
        assertEquals("observing", inner);
        assertEquals(List.of("stream chat with duration"), recorded);
    }

    @Test
    void streamingInsideAnAnnotationReportsTokensOnlyAndClaimsThem() {
        annotated("wrapper", () -> {
            long chat = AiFacade.enterAi();
            Object handler = AiFacade.streamingHandler(AiFacade.LANGCHAIN4J, chat, null, "chat", "handler");
            AiFacade.streamingExit(chat, handler, null);
            trackTokens("wrapper");
        });
        assertEquals(List.of("stream chat tokens only", "duration wrapper"), recorded);
    }

    @Test
    void streamingCallThatThrowsFailsItsHandler() {
        long chat = AiFacade.enterAi();
        Object handler = AiFacade.streamingHandler(AiFacade.LANGCHAIN4J, chat, null, "chat", "handler");
        AiFacade.streamingExit(chat, handler, new IllegalArgumentException());
        assertEquals(List.of("stream chat with duration", "stream failed wrapped handler"), recorded);
    }

    @Test
    void nestedVectorOperationsRecordTheOutermost() {
        long outer = AiFacade.enterVector();
        long inner = AiFacade.enterVector();
        assertEquals(0L, inner);
        AiFacade.vectorExit(inner, "inner", null, null, false);
        AiFacade.vectorExit(outer, "outer", null, null, false);
        assertNotEquals(0L, outer);
        assertEquals(List.of("vector outer"), recorded);
    }

    @Test
    void countersCountOnceForTheSameLabelNestedAndForEachDifferentLabel() {
        int user = AiFacade.enterMessage("user");
        int proxyCopy = AiFacade.enterMessage("user");
        int assistant = AiFacade.enterMessage("assistant");
        AiFacade.messageExit(assistant, "assistant", null);
        AiFacade.messageExit(proxyCopy, "user", null);
        AiFacade.messageExit(user, "user", null);
        int failing = AiFacade.enterConversation("created");
        AiFacade.conversationExit(failing, "created", new IllegalStateException());
        int created = AiFacade.enterConversation("created");
        AiFacade.conversationExit(created, "created", null);
        assertEquals(List.of("message assistant", "message user", "conversation created"), recorded);
    }

    @Test
    void resultIsReturnedAsTheSinkGivesIt() {
        Object result = new Object();
        long start = AiFacade.enterAi();
        assertSame(result, AiFacade.annotatedExitReactive(start, "m", result, null));
    }

    /** What the ClawMetrics.trackTokens advice calls. */
    private static void trackTokens(String model) {
        AiFacade.tokens(model, 1, 1);
    }
}
