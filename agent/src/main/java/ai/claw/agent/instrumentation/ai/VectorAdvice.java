package ai.claw.agent.instrumentation.ai;

import ai.claw.agent.bootstrap.AiFacade;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code @TrackVectorDb} methods and vector-store client methods; the operation is
 * the {@link AiAdvices.Label}. A {@code CompletionStage} result is timed until it completes.
 */
public final class VectorAdvice {

    private VectorAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
        return AiFacade.enterVector();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter long start,
                            @AiAdvices.Label String operation,
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
                            @Advice.Thrown Throwable thrown) {
        AiFacade.vectorExit(start, operation, result, thrown, false);
    }
}
