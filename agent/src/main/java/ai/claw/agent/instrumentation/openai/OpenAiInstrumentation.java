package ai.claw.agent.instrumentation.openai;

import ai.claw.agent.bootstrap.AiFacade;
import ai.claw.agent.instrumentation.Advices;
import ai.claw.agent.instrumentation.Instrumentation;
import ai.claw.agent.instrumentation.TypeFilter;
import ai.claw.agent.instrumentation.ai.AiAdvices;
import ai.claw.agent.instrumentation.ai.AiRecorder;
import ai.claw.agent.instrumentation.ai.ClientCallAdvice;
import ai.claw.agent.metrics.AgentMetrics;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

/**
 * The OpenAI Java SDK ({@code com.openai:openai-java}) without code changes: chat completions
 * {@code ChatCompletionService.create(params[, options])} and the async
 * {@code ChatCompletionServiceAsync.create}, timed until its future completes. Streaming
 * ({@code createStreaming}) is not instrumented.
 */
public final class OpenAiInstrumentation implements Instrumentation {

    static final String SERVICE = "com.openai.services.blocking.chat.ChatCompletionService";
    static final String SERVICE_ASYNC = "com.openai.services.async.chat.ChatCompletionServiceAsync";
    static final String PARAMS = "com.openai.models.chat.completions.ChatCompletionCreateParams";

    private final Advices.Lazy create = new Advices.Lazy(() -> AiAdvices.to(ClientCallAdvice.class, null, AiFacade.OPENAI));

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return Advices.canSee(SERVICE);
    }

    @Override
    public TypeFilter types() {
        return TypeFilter.subTypeOf(SERVICE, SERVICE_ASYNC);
    }

    @Override
    public void transform(TypeDescription type, List<AsmVisitorWrapper> advice) {
        advice.add(create.on(isMethod().and(not(isAbstract())).and(not(isStatic())).and(named("create"))
                .and(takesArgument(0, named(PARAMS)))));
    }

    @Override
    public void start(AgentMetrics metrics) {
        AiRecorder.register(metrics, AiFacade.OPENAI, new OpenAiClient());
    }

    @Override
    public String toString() {
        return "openai";
    }
}
