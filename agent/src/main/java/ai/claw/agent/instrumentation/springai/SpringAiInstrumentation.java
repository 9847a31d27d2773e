package ai.claw.agent.instrumentation.springai;

import ai.claw.agent.bootstrap.AiFacade;
import ai.claw.agent.instrumentation.Advices;
import ai.claw.agent.instrumentation.Instrumentation;
import ai.claw.agent.instrumentation.TypeFilter;
import ai.claw.agent.instrumentation.ai.AiAdvices;
import ai.claw.agent.instrumentation.ai.AiRecorder;
import ai.claw.agent.instrumentation.ai.ClientCallAdvice;
import ai.claw.agent.instrumentation.ai.ClientReactiveCallAdvice;
import ai.claw.agent.instrumentation.ai.VectorAdvice;
import ai.claw.agent.metrics.AgentMetrics;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Spring AI 1.x and 2.x without code changes: {@code ChatModel.call(Prompt)}, and
 * {@code stream(Prompt)} timed from subscription to the last chunk (tokens from the chunk that
 * carries usage), and {@code VectorStore} {@code similaritySearch} → search, {@code add} → add,
 * {@code delete} → delete. Spring AI 2's OpenAI model calls the OpenAI SDK inside {@code call}:
 * that nested call records nothing more (its tokens are the ones reported).
 */
public final class SpringAiInstrumentation implements Instrumentation {

    static final String CHAT_MODEL = "org.springframework.ai.chat.model.ChatModel";
    static final String VECTOR_STORE = "org.springframework.ai.vectorstore.VectorStore";
    static final String PROMPT = "org.springframework.ai.chat.prompt.Prompt";
    static final String CHAT_RESPONSE = "org.springframework.ai.chat.model.ChatResponse";

    /** Built when the first class is transformed, not when the agent starts. */
    private static final class Matchers {
        static final ElementMatcher<TypeDescription> CHAT_TYPES = hasSuperType(named(CHAT_MODEL));
        static final ElementMatcher<TypeDescription> STORE_TYPES = hasSuperType(named(VECTOR_STORE));
    }

    private final Advices.Lazy call = new Advices.Lazy(() -> AiAdvices.to(ClientCallAdvice.class, null, AiFacade.SPRING_AI));
    private final Advices.Lazy stream = new Advices.Lazy(() -> AiAdvices.to(ClientReactiveCallAdvice.class, null, AiFacade.SPRING_AI));
    private final Advices.Lazy store = new Advices.Lazy(() -> AiAdvices.to(VectorAdvice.class, SpringAiInstrumentation::operation, AiFacade.SPRING_AI));

    @Override
    public String name() {
        return "spring-ai";
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return Advices.canSee(CHAT_MODEL);
    }

    @Override
    public TypeFilter types() {
        return TypeFilter.subTypeOf(CHAT_MODEL, VECTOR_STORE);
    }

    @Override
    public void transform(TypeDescription type, List<AsmVisitorWrapper> advice) {
        ElementMatcher.Junction<MethodDescription> concrete = isMethod().and(not(isAbstract())).and(not(isStatic()))
                .and(not(isBridge()));
        if (Matchers.CHAT_TYPES.matches(type)) {
            ElementMatcher.Junction<MethodDescription> promptOnly = takesArguments(1).and(takesArgument(0, named(PROMPT)));
            advice.add(call.on(concrete.and(named("call")).and(promptOnly).and(returns(named(CHAT_RESPONSE)))));
            advice.add(stream.on(concrete.and(named("stream")).and(promptOnly)
                    .and(returns(named("reactor.core.publisher.Flux")))));
        }
        if (Matchers.STORE_TYPES.matches(type)) {
            advice.add(store.on(concrete.and(named("similaritySearch")
                    .or(namedOneOf("add", "delete").and(takesArguments(1))))));
        }
    }

    /** {@code similaritySearch} → search; {@code add} and {@code delete} keep their names. */
    static String operation(MethodDescription method) {
        String name = method.getName();
        return name.equals("similaritySearch") ? "search" : name;
    }

    @Override
    public void start(AgentMetrics metrics) {
        AiRecorder.register(metrics, AiFacade.SPRING_AI, new SpringAiClient());
    }

    @Override
    public String toString() {
        return "spring-ai";
    }
}
