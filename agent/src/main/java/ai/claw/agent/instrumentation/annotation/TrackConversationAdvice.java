package ai.claw.agent.instrumentation.annotation;

import ai.claw.agent.bootstrap.AiFacade;
import ai.claw.agent.instrumentation.ai.AiAdvices;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code @TrackConversation} methods: one count of the status on normal return. */
public final class TrackConversationAdvice {

    private TrackConversationAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int enter(@AiAdvices.Label String status) {
        return AiFacade.enterConversation(status);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int token, @AiAdvices.Label String status, @Advice.Thrown Throwable thrown) {
        AiFacade.conversationExit(token, status, thrown);
    }
}
