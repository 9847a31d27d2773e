package ai.claw.agent.instrumentation.ai;

import ai.claw.agent.bootstrap.AiFacade;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into a client's streaming method returning a Reactor {@code Flux}
 * ({@code ChatModel.stream(Prompt)}): the returned publisher is replaced by a lazy one that times
 * each subscription to its terminal signal and reads usage from the streamed chunks.
 */
public final class ClientReactiveCallAdvice {

    private ClientReactiveCallAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
        return AiFacade.enterAi();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter long start,
                            @AiAdvices.Client int client,
                            @Advice.This(optional = true) Object target,
                            @Advice.Argument(0) Object request,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
                            @Advice.Thrown Throwable thrown) {
        result = AiFacade.clientExit(client, start, target, request, result, thrown, true);
    }
}
