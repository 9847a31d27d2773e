package ai.claw.agent.instrumentation.langchain4j;

import ai.claw.agent.bootstrap.AiFacade;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code StreamingChatModel.chat/doChat(ChatRequest, handler)}: the outermost call
 * passes on a handler that records the call at {@code onCompleteResponse}/{@code onError}, so a
 * streamed answer is timed to its last chunk, not to the return of {@code chat}.
 */
public final class StreamingChatAdvice {

    private StreamingChatAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.This Object model,
                             @Advice.Argument(0) Object request,
                             @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object handler,
                             @Advice.Local("handler") Object wrapped) {
        long start = AiFacade.enterAi();
        wrapped = AiFacade.streamingHandler(AiFacade.LANGCHAIN4J, start, model, request, handler);
        handler = wrapped;
        return start;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter long start, @Advice.Local("handler") Object wrapped, @Advice.Thrown Throwable thrown) {
        AiFacade.streamingExit(start, wrapped, thrown);
    }

    /** {@code StreamingChatModel.chat(ChatRequest, ChatRequestOptions, handler)} (1.13+). */
    public static final class WithOptions {
        private WithOptions() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static long enter(@Advice.This Object model,
                                 @Advice.Argument(0) Object request,
                                 @Advice.Argument(value = 2, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object handler,
                                 @Advice.Local("handler") Object wrapped) {
            long start = AiFacade.enterAi();
            wrapped = AiFacade.streamingHandler(AiFacade.LANGCHAIN4J, start, model, request, handler);
            handler = wrapped;
            return start;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter long start, @Advice.Local("handler") Object wrapped, @Advice.Thrown Throwable thrown) {
            AiFacade.streamingExit(start, wrapped, thrown);
        }
    }
}
