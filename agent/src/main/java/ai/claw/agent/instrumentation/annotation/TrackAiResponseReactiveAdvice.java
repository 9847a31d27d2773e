package ai.claw.agent.instrumentation.annotation;

import ai.claw.agent.bootstrap.AiFacade;
import ai.claw.agent.instrumentation.ai.AiAdvices;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@link TrackAiResponseAdvice} for methods declared to return {@code Mono}, {@code Flux},
 * {@code Publisher} or {@code Object}: a Reactor result is replaced by a lazy publisher timed from
 * each subscription to its terminal signal.
 */
public final class TrackAiResponseReactiveAdvice {

    private TrackAiResponseReactiveAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
        return AiFacade.enterAi();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter long start,
                            @AiAdvices.Label String model,
                            @AiAdvices.ModelArgument String runtimeModel,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
                            @Advice.Thrown Throwable thrown) {
        result = AiFacade.annotatedExitReactive(start, runtimeModel != null ? runtimeModel : model, result, thrown);
    }
}
