package ai.claw.agent.bootstrap;

/**
 * AI advice calls this: methods annotated with the API jar's {@code @TrackAiResponse},
 * {@code @TrackVectorDb}, {@code @TrackConversation}, {@code @TrackMessage}, the
 * {@code ClawMetrics} bridge, and the zero-code clients (LangChain4j, Spring AI, OpenAI SDK).
 * Requests, responses, handlers and results come as {@code Object}.
 *
 * <p>What one thread is inside decides what is recorded, so one call is counted once:
 * <ul>
 *   <li><b>AI duration</b>: every annotated method and client call opens a frame; only the
 *   outermost frame on the thread records {@code claw_ai_ai_response_duration_seconds}, with
 *   its own model. An annotated method around a client call, Spring AI 2 around the OpenAI SDK,
 *   a proxy that copies the annotation: one observation.</li>
 *   <li><b>Tokens</b>: a client call reports its response's usage unless a client call nested
 *   inside it already did (the innermost client that sees the usage wins).
 *   {@code ClawMetrics.trackTokens} is ignored when a client call inside the current frame
 *   already reported tokens. Usage known only later (futures, streams) is always recorded.</li>
 *   <li><b>Vector store</b>: the outermost operation on the thread records.</li>
 *   <li><b>Conversations and messages</b>: a method whose annotation carries the same label as
 *   one already running on the thread (a proxy copying the annotation, recursion) counts
 *   nothing more.</li>
 * </ul>
 * Every public method here catches its own failures (to {@link AgentHealth}), so the frame
 * bookkeeping never depends on ByteBuddy's suppression.
 */
public final class AiFacade {

    /** Caller ids: which reader interprets requests and responses. */
    public static final int ANNOTATION = 0;
    public static final int LANGCHAIN4J = 1;
    public static final int SPRING_AI = 2;
    public static final int OPENAI = 3;
    public static final int CLIENTS = 4;

    /** What {@link #enterAi()} returns for a call nested in another AI call on the thread. */
    public static final long NESTED = Long.MIN_VALUE;

    /** Frames deeper than this still count depth but carry no token flag. */
    static final int MAX_FRAMES = 32;
    /** Labels remembered per counter annotation; deeper nesting always counts. */
    static final int MAX_LABELS = 8;

    /** The agent core's side. */
    public interface Sink {
        /**
         * An AI call ended. {@code startNanos} is 0 for a nested client call (no duration, tokens
         * only when {@code reportTokens}). A {@code CompletionStage} result is recorded when it
         * completes; a Reactor {@code Mono}/{@code Flux} result is wrapped when
         * {@code wrapReactive} (then the wrapper is returned), else the result itself.
         */
        Object aiCall(int client, long startNanos, Object target, Object request, String model, Object result,
                      Throwable thrown, boolean wrapReactive, boolean reportTokens);

        /**
         * Returns a handler that records the streaming call when it completes (its duration only
         * when {@code startNanos} is not 0), or {@code handler} itself.
         */
        Object streamingHandler(int client, long startNanos, Object target, Object request, Object handler);

        /** The streaming call threw before any callback; {@code handler} is what {@link #streamingHandler} returned. */
        void streamingFailed(Object handler, Throwable thrown);

        Object vectorOperation(long startNanos, String operation, Object result, Throwable thrown, boolean wrapReactive);

        void conversation(String status);

        void message(String role);

        void tokens(String model, long promptTokens, long completionTokens);
    }

    private static final Sink NOOP = new Sink() {
        @Override
        public Object aiCall(int client, long startNanos, Object target, Object request, String model, Object result,
                             Throwable thrown, boolean wrapReactive, boolean reportTokens) {
            return result;
        }

        @Override
        public Object streamingHandler(int client, long startNanos, Object target, Object request, Object handler) {
            return handler;
        }

        @Override
        public void streamingFailed(Object handler, Throwable thrown) {
        }

        @Override
        public Object vectorOperation(long startNanos, String operation, Object result, Throwable thrown, boolean wrapReactive) {
            return result;
        }

        @Override
        public void conversation(String status) {
        }

        @Override
        public void message(String role) {
        }

        @Override
        public void tokens(String model, long promptTokens, long completionTokens) {
        }
    };

    /** Labels of the counter annotations running on a thread. */
    static final class Labels {
        final String[] values = new String[MAX_LABELS];
        int depth;

        /** 0: an enclosing call has the same label (count nothing); 1: pushed; 2: counted, too deep to push. */
        int enter(String label) {
            for (int i = 0; i < depth; i++) {
                String v = values[i];
                if (v == null ? label == null : v.equals(label)) {
                    return 0;
                }
            }
            if (depth < MAX_LABELS) {
                values[depth++] = label;
                return 1;
            }
            return 2;
        }

        void exit(int token) {
            if (token == 1 && depth > 0) {
                values[--depth] = null;
            }
        }
    }

    /** What one thread is doing in AI code right now; one instance per thread, mutated in place. */
    static final class CallState {
        int aiDepth;
        /** {@code tokensReported[d]}: a client call inside frame {@code d} reported its tokens. */
        final boolean[] tokensReported = new boolean[MAX_FRAMES];
        /** Streaming calls open on the thread; only the outermost wraps the handler. */
        int streamingDepth;
        boolean inVector;
        final Labels conversations = new Labels();
        final Labels messages = new Labels();
    }

    private static final ThreadLocal<CallState> STATE = new ThreadLocal<CallState>() {
        @Override
        protected CallState initialValue() {
            return new CallState();
        }
    };

    private static volatile Sink sink = NOOP;

    private AiFacade() {
    }

    public static void install(Sink newSink) {
        sink = newSink == null ? NOOP : newSink;
    }

    // ---- AI calls -------------------------------------------------------------------------

    /**
     * Opens a frame. Returns the start time for the outermost AI call on the thread,
     * {@link #NESTED} for a nested one; never 0 (0 means "enter did not run", exit then does nothing).
     */
    public static long enterAi() {
        CallState state = STATE.get();
        int depth = state.aiDepth;
        if (depth < MAX_FRAMES) {
            state.tokensReported[depth] = false;
        }
        state.aiDepth = depth + 1;
        if (depth > 0) {
            return NESTED;
        }
        long now = System.nanoTime();
        return now == 0L || now == NESTED ? now + 1 : now;
    }

    /** Closes the frame; returns whether a client call inside it reported tokens (passed on to the parent frame). */
    private static boolean leaveAi(CallState state) {
        int depth = state.aiDepth > 0 ? --state.aiDepth : 0;
        boolean reported = depth < MAX_FRAMES && state.tokensReported[depth];
        if (reported && depth > 0 && depth - 1 < MAX_FRAMES) {
            state.tokensReported[depth - 1] = true;
        }
        return reported;
    }

    /** Exit of a {@code @TrackAiResponse} method whose result is left as it is. */
    public static void annotatedExit(long start, String model, Object result, Throwable thrown) {
        annotatedExit(start, model, result, thrown, false);
    }

    /** Exit of a {@code @TrackAiResponse} method returning a Reactor type: returns the result to return. */
    public static Object annotatedExitReactive(long start, String model, Object result, Throwable thrown) {
        return annotatedExit(start, model, result, thrown, true);
    }

    private static Object annotatedExit(long start, String model, Object result, Throwable thrown, boolean wrap) {
        if (start == 0L) {
            return result;
        }
        try {
            leaveAi(STATE.get());
            if (start != NESTED) {
                return sink.aiCall(ANNOTATION, start, null, null, model, result, thrown, wrap, false);
            }
        } catch (Throwable t) {
            AgentHealth.suppressed(t);
        }
        return result;
    }

    /** Exit of a client call ({@code chat}, {@code call}, {@code create}, {@code stream}): returns the result to return. */
    public static Object clientExit(int client, long start, Object target, Object request, Object result,
                                    Throwable thrown, boolean wrap) {
        if (start == 0L) {
            return result;
        }
        try {
            boolean nestedReported = leaveAi(STATE.get());
            if (start != NESTED || !nestedReported) {
                return sink.aiCall(client, start == NESTED ? 0L : start, target, request, null, result, thrown, wrap,
                        !nestedReported);
            }
        } catch (Throwable t) {
            AgentHealth.suppressed(t);
        }
        return result;
    }

    /**
     * For the sink, on the calling thread, while it handles a result: the call that just closed
     * its frame reported its tokens, or will when its future or stream ends, so the enclosing
     * frame must not report them again.
     */
    public static void markTokensReported() {
        CallState state = STATE.get();
        int parent = state.aiDepth - 1;
        if (parent >= 0 && parent < MAX_FRAMES) {
            state.tokensReported[parent] = true;
        }
    }

    /**
     * Enter of a streaming call, after {@link #enterAi()}: the handler to pass on. The outermost
     * streaming call on the thread (a model's {@code chat} calling its own {@code doChat} is one
     * call) gets a handler that reports the tokens, and the duration too when no other AI call
     * encloses it; it claims the tokens for the enclosing frame at once.
     */
    public static Object streamingHandler(int client, long start, Object target, Object request, Object handler) {
        if (start == 0L) {
            return handler;
        }
        try {
            CallState state = STATE.get();
            if (++state.streamingDepth > 1 || handler == null) {
                return handler;
            }
            Object wrapped = sink.streamingHandler(client, start == NESTED ? 0L : start, target, request, handler);
            if (wrapped != handler) {
                int current = state.aiDepth - 1;
                if (current >= 0 && current < MAX_FRAMES) {
                    state.tokensReported[current] = true;
                }
            }
            return wrapped;
        } catch (Throwable t) {
            AgentHealth.suppressed(t);
            return handler;
        }
    }

    /** Exit of a streaming call: closes the frame; a call that threw is recorded now. */
    public static void streamingExit(long start, Object handler, Throwable thrown) {
        if (start == 0L) {
            return;
        }
        try {
            CallState state = STATE.get();
            if (state.streamingDepth > 0) {
                state.streamingDepth--;
            }
            leaveAi(state);
            if (thrown != null) {
                sink.streamingFailed(handler, thrown);
            }
        } catch (Throwable t) {
            AgentHealth.suppressed(t);
        }
    }

    /** {@code ClawMetrics.trackTokens}: ignored when a client call in the current frame already reported. */
    public static void tokens(String model, long promptTokens, long completionTokens) {
        try {
            CallState state = STATE.get();
            int current = state.aiDepth - 1;
            if (current >= 0 && current < MAX_FRAMES && state.tokensReported[current]) {
                return;
            }
            sink.tokens(model, promptTokens, completionTokens);
        } catch (Throwable t) {
            AgentHealth.suppressed(t);
        }
    }

    // ---- vector store ---------------------------------------------------------------------

    /** Returns the start time when this is the outermost vector-store operation on the thread, else 0. */
    public static long enterVector() {
        CallState state = STATE.get();
        if (state.inVector) {
            return 0L;
        }
        state.inVector = true;
        long now = System.nanoTime();
        return now == 0L ? 1L : now;
    }

    /** Exit of a vector-store operation: returns the result to return. */
    public static Object vectorExit(long start, String operation, Object result, Throwable thrown, boolean wrap) {
        if (start == 0L) {
            return result;
        }
        try {
            STATE.get().inVector = false;
            return sink.vectorOperation(start, operation, result, thrown, wrap);
        } catch (Throwable t) {
            AgentHealth.suppressed(t);
            return result;
        }
    }

    // ---- conversations and messages -------------------------------------------------------

    /** Enter of a {@code @TrackConversation} method: a token for {@link #conversationExit}. */
    public static int enterConversation(String status) {
        return STATE.get().conversations.enter(status);
    }

    public static void conversationExit(int token, String status, Throwable thrown) {
        if (token == 0) {
            return;
        }
        try {
            STATE.get().conversations.exit(token);
            if (thrown == null) {
                sink.conversation(status);
            }
        } catch (Throwable t) {
            AgentHealth.suppressed(t);
        }
    }

    /** Enter of a {@code @TrackMessage} method: a token for {@link #messageExit}. */
    public static int enterMessage(String role) {
        return STATE.get().messages.enter(role);
    }

    public static void messageExit(int token, String role, Throwable thrown) {
        if (token == 0) {
            return;
        }
        try {
            STATE.get().messages.exit(token);
            if (thrown == null) {
                sink.message(role);
            }
        } catch (Throwable t) {
            AgentHealth.suppressed(t);
        }
    }

    /** {@code ClawMetrics.trackConversation}. */
    public static void conversation(String status) {
        try {
            sink.conversation(status);
        } catch (Throwable t) {
            AgentHealth.suppressed(t);
        }
    }

    /** {@code ClawMetrics.trackMessage}. */
    public static void message(String role) {
        try {
            sink.message(role);
        } catch (Throwable t) {
            AgentHealth.suppressed(t);
        }
    }
}
