package ai.claw.agent.instrumentation.annotation;

import ai.claw.agent.bootstrap.AiFacade;
import ai.claw.agent.instrumentation.ai.AiAdvices;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code @TrackAiResponse} methods. The model is the {@code @AiModel} argument when
 * non-null, else the annotation's {@code model}. A {@code CompletionStage} result is timed until it
 * completes; the result itself is never replaced.
 */
public final class TrackAiResponseAdvice {

    private TrackAiResponseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
        return AiFacade.enterAi();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter long start,
                            @AiAdvices.Label String model,
                            @AiAdvices.ModelArgument String runtimeModel,
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
                            @Advice.Thrown Throwable thrown) {
        AiFacade.annotatedExit(start, runtimeModel != null ? runtimeModel : model, result, thrown);
    }
}
