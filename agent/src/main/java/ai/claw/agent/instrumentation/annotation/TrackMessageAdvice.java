package ai.claw.agent.instrumentation.annotation;

import ai.claw.agent.bootstrap.AiFacade;
import ai.claw.agent.instrumentation.ai.AiAdvices;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code @TrackMessage} methods: one count of the role on normal return. */
public final class TrackMessageAdvice {

    private TrackMessageAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int enter(@AiAdvices.Label String role) {
        return AiFacade.enterMessage(role);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int token, @AiAdvices.Label String role, @Advice.Thrown Throwable thrown) {
        AiFacade.messageExit(token, role, thrown);
    }
}
