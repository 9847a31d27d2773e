package ai.claw.agent.instrumentation.ai;

import ai.claw.agent.bootstrap.AiFacade;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** {@link VectorAdvice} for methods declared to return a Reactor type: the publisher is timed per subscription. */
public final class VectorReactiveAdvice {

    private VectorReactiveAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
        return AiFacade.enterVector();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter long start,
                            @AiAdvices.Label String operation,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
                            @Advice.Thrown Throwable thrown) {
        result = AiFacade.vectorExit(start, operation, result, thrown, true);
    }
}
