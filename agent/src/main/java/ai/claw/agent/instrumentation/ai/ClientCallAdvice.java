package ai.claw.agent.instrumentation.ai;

import ai.claw.agent.bootstrap.AiFacade;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into a zero-code client's call method ({@code ChatModel.chat(ChatRequest)},
 * {@code ChatModel.call(Prompt)}, {@code ChatCompletionService.create(params)}): the response,
 * or the future of it, is read by the client's {@link AiClient}. The result is never replaced.
 */
public final class ClientCallAdvice {

    private ClientCallAdvice() {
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
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
                            @Advice.Thrown Throwable thrown) {
        AiFacade.clientExit(client, start, target, request, result, thrown, false);
    }
}
