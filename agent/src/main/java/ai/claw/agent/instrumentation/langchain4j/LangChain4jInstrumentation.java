package ai.claw.agent.instrumentation.langchain4j;

import ai.claw.agent.bootstrap.AiFacade;
import ai.claw.agent.instrumentation.Advices;
import ai.claw.agent.instrumentation.Instrumentation;
import ai.claw.agent.instrumentation.TypeFilter;
import ai.claw.agent.instrumentation.ai.AiAdvices;
import ai.claw.agent.instrumentation.ai.AiRecorder;
import ai.claw.agent.instrumentation.ai.ClientCallAdvice;
import ai.claw.agent.instrumentation.ai.VectorAdvice;
import ai.claw.agent.metrics.AgentMetrics;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * LangChain4j 1.x without code changes: {@code ChatModel.chat(ChatRequest[, options])} and
 * {@code doChat}, {@code StreamingChatModel.chat/doChat(ChatRequest, [options,] handler)} timed
 * until the handler's {@code onCompleteResponse}/{@code onError}, and {@code EmbeddingStore}
 * {@code add*}, {@code remove*} and {@code search}. The interfaces' default methods and every
 * implementation's overrides are advised; nested calls (the default {@code chat} calling
 * {@code doChat}) record once.
 */
public final class LangChain4jInstrumentation implements Instrumentation {

    static final String CHAT_MODEL = "dev.langchain4j.model.chat.ChatModel";
    static final String STREAMING_CHAT_MODEL = "dev.langchain4j.model.chat.StreamingChatModel";
    static final String EMBEDDING_STORE = "dev.langchain4j.store.embedding.EmbeddingStore";
    static final String CHAT_REQUEST = "dev.langchain4j.model.chat.request.ChatRequest";
    static final String CHAT_RESPONSE = "dev.langchain4j.model.chat.response.ChatResponse";
    static final String HANDLER = "dev.langchain4j.model.chat.response.StreamingChatResponseHandler";

    /** Built when the first class is transformed, not when the agent starts. */
    private static final class Matchers {
        static final ElementMatcher<TypeDescription> CHAT_TYPES = hasSuperType(named(CHAT_MODEL));
        static final ElementMatcher<TypeDescription> STREAMING_TYPES = hasSuperType(named(STREAMING_CHAT_MODEL));
        static final ElementMatcher<TypeDescription> STORE_TYPES = hasSuperType(named(EMBEDDING_STORE));
    }

    private final Advices.Lazy chat = new Advices.Lazy(() -> AiAdvices.to(ClientCallAdvice.class, null, AiFacade.LANGCHAIN4J));
    private final Advices.Lazy streaming = Advices.lazy(StreamingChatAdvice.class);
    private final Advices.Lazy streamingWithOptions = Advices.lazy(StreamingChatAdvice.WithOptions.class);
    private final Advices.Lazy store = new Advices.Lazy(() -> AiAdvices.to(VectorAdvice.class, LangChain4jInstrumentation::operation, AiFacade.LANGCHAIN4J));

    @Override
    public String name() {
        return "langchain4j";
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return Advices.canSee(CHAT_MODEL);
    }

    @Override
    public TypeFilter types() {
        return TypeFilter.subTypeOf(CHAT_MODEL, STREAMING_CHAT_MODEL, EMBEDDING_STORE);
    }

    @Override
    public void transform(TypeDescription type, List<AsmVisitorWrapper> advice) {
        ElementMatcher.Junction<MethodDescription> concrete = isMethod().and(not(isAbstract())).and(not(isStatic()));
        if (Matchers.CHAT_TYPES.matches(type)) {
            advice.add(chat.on(concrete.and(namedOneOf("chat", "doChat"))
                    .and(takesArgument(0, named(CHAT_REQUEST))).and(returns(named(CHAT_RESPONSE)))));
        }
        if (Matchers.STREAMING_TYPES.matches(type)) {
            advice.add(streaming.on(concrete.and(namedOneOf("chat", "doChat")).and(takesArguments(2))
                    .and(takesArgument(0, named(CHAT_REQUEST))).and(takesArgument(1, named(HANDLER)))));
            advice.add(streamingWithOptions.on(concrete.and(named("chat")).and(takesArguments(3))
                    .and(takesArgument(0, named(CHAT_REQUEST))).and(takesArgument(2, named(HANDLER)))));
        }
        if (Matchers.STORE_TYPES.matches(type)) {
            advice.add(store.on(concrete.and(namedOneOf("add", "addAll", "remove", "removeAll", "search"))));
        }
    }

    /** {@code add*} → add, {@code remove*} → remove, {@code search} → search. */
    static String operation(MethodDescription method) {
        String name = method.getName();
        return name.startsWith("add") ? "add" : name.startsWith("remove") ? "remove" : "search";
    }

    @Override
    public void start(AgentMetrics metrics) {
        AiRecorder.register(metrics, AiFacade.LANGCHAIN4J, new LangChain4jClient());
    }

    @Override
    public String toString() {
        return "langchain4j";
    }
}
