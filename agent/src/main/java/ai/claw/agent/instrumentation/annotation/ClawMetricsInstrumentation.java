package ai.claw.agent.instrumentation.annotation;

import ai.claw.agent.instrumentation.Advices;
import ai.claw.agent.instrumentation.Instrumentation;
import ai.claw.agent.instrumentation.TypeFilter;
import ai.claw.agent.instrumentation.ai.AiRecorder;
import ai.claw.agent.metrics.AgentMetrics;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The bridge behind the API jar's {@code ClawMetrics}: its empty static methods get a body that
 * records into the agent's registry. Part of the {@code annotations} switch (the API jar as a whole).
 */
public final class ClawMetricsInstrumentation implements Instrumentation {

    static final String CLAW_METRICS = AnnotationInstrumentation.API + "ClawMetrics";

    @Override
    public String name() {
        return "annotations";
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return Advices.canSee(CLAW_METRICS);
    }

    @Override
    public TypeFilter types() {
        return TypeFilter.named(CLAW_METRICS);
    }

    @Override
    public void transform(TypeDescription type, List<AsmVisitorWrapper> advice) {
        advice.add(Advices.to(ClawMetricsAdvice.Conversation.class).on(isStatic().and(named("trackConversation")).and(takesArguments(String.class))));
        advice.add(Advices.to(ClawMetricsAdvice.Message.class).on(isStatic().and(named("trackMessage")).and(takesArguments(String.class))));
        advice.add(Advices.to(ClawMetricsAdvice.Tokens.class).on(isStatic().and(named("trackTokens"))
                .and(takesArguments(String.class, long.class, long.class))));
    }

    @Override
    public void start(AgentMetrics metrics) {
        AiRecorder.install(metrics);
    }

    @Override
    public String toString() {
        return "annotations(ClawMetrics)";
    }
}
