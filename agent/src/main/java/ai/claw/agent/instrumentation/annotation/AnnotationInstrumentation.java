package ai.claw.agent.instrumentation.annotation;

import ai.claw.agent.bootstrap.AiFacade;
import ai.claw.agent.instrumentation.Advices;
import ai.claw.agent.instrumentation.Instrumentation;
import ai.claw.agent.instrumentation.TypeFilter;
import ai.claw.agent.instrumentation.ai.AiAdvices;
import ai.claw.agent.instrumentation.ai.AiRecorder;
import ai.claw.agent.instrumentation.ai.VectorAdvice;
import ai.claw.agent.instrumentation.ai.VectorReactiveAdvice;
import ai.claw.agent.metrics.AgentMetrics;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * The API jar's annotations on any method with a body: instance, static, private, interface
 * default methods, in any class loader that can see the API jar. Annotations are matched by
 * name, so the agent never loads the API's classes. Proxies count once: a CGLIB subclass or JDK
 * proxy does not carry the annotation, and one that copies it nests inside the annotated target,
 * where {@code AiFacade} records only the outermost call.
 */
public final class AnnotationInstrumentation implements Instrumentation {

    static final String API = "ai.claw.agent.api.";
    static final String TRACK_AI_RESPONSE = API + "TrackAiResponse";
    static final String TRACK_VECTOR_DB = API + "TrackVectorDb";
    static final String TRACK_CONVERSATION = API + "TrackConversation";
    static final String TRACK_MESSAGE = API + "TrackMessage";

    private final Advices.Lazy aiResponse = advice(TrackAiResponseAdvice.class, TRACK_AI_RESPONSE, "model");
    private final Advices.Lazy aiResponseReactive = advice(TrackAiResponseReactiveAdvice.class, TRACK_AI_RESPONSE, "model");
    private final Advices.Lazy vector = advice(VectorAdvice.class, TRACK_VECTOR_DB, "operation");
    private final Advices.Lazy vectorReactive = advice(VectorReactiveAdvice.class, TRACK_VECTOR_DB, "operation");
    private final Advices.Lazy conversation = advice(TrackConversationAdvice.class, TRACK_CONVERSATION, "status");
    private final Advices.Lazy message = advice(TrackMessageAdvice.class, TRACK_MESSAGE, "role");

    private static Advices.Lazy advice(Class<?> adviceClass, String annotation, String property) {
        return new Advices.Lazy(() -> AiAdvices.to(adviceClass, AiAdvices.annotationProperty(annotation, property, "unknown"), AiFacade.ANNOTATION));
    }

    private static ElementMatcher.Junction<MethodDescription> annotated(String annotation) {
        return isMethod().and(not(isAbstract())).and(not(isNative())).and(isAnnotatedWith(named(annotation)));
    }

    @Override
    public String name() {
        return "annotations";
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return Advices.canSee(TRACK_AI_RESPONSE);
    }

    @Override
    public TypeFilter types() {
        return TypeFilter.mentioning(TRACK_AI_RESPONSE, TRACK_VECTOR_DB, TRACK_CONVERSATION, TRACK_MESSAGE);
    }

    /** The constant pool may mention an annotation for another reason than a method carrying it. */
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return declaresMethod(isAnnotatedWith(namedOneOf(TRACK_AI_RESPONSE, TRACK_VECTOR_DB, TRACK_CONVERSATION, TRACK_MESSAGE)));
    }

    @Override
    public void transform(TypeDescription type, List<AsmVisitorWrapper> advice) {
        advice.add(aiResponse.on(annotated(TRACK_AI_RESPONSE).and(not(AiAdvices.returnsReactive()))));
        advice.add(aiResponseReactive.on(annotated(TRACK_AI_RESPONSE).and(AiAdvices.returnsReactive())));
        advice.add(vector.on(annotated(TRACK_VECTOR_DB).and(not(AiAdvices.returnsReactive()))));
        advice.add(vectorReactive.on(annotated(TRACK_VECTOR_DB).and(AiAdvices.returnsReactive())));
        advice.add(conversation.on(annotated(TRACK_CONVERSATION)));
        advice.add(message.on(annotated(TRACK_MESSAGE)));
    }

    @Override
    public void start(AgentMetrics metrics) {
        AiRecorder.install(metrics);
    }

    @Override
    public String toString() {
        return "annotations";
    }
}
