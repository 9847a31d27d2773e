package ai.claw.agent.instrumentation.servlet;

import ai.claw.agent.instrumentation.Advices;
import ai.claw.agent.instrumentation.Instrumentation;
import ai.claw.agent.instrumentation.TypeFilter;
import ai.claw.agent.metrics.AgentMetrics;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.function.UnaryOperator;

/**
 * HTTP metrics from servlet dispatch. One instance per namespace: {@code javax.servlet}
 * (Servlet 3.0+) and {@code jakarta.servlet} (Servlet 5+), sharing one weaver and one recorder.
 */
public final class ServletInstrumentation implements Instrumentation {

    private final String pkg;
    private final UnaryOperator<byte[]> weaver;

    private ServletInstrumentation(String pkg) {
        this.pkg = pkg;
        this.weaver = new UnaryOperator<byte[]>() { // a class of its own: a lambda would be spun at the agent's start
            @Override
            public byte[] apply(byte[] classFile) {
                return ServletWeaver.weave(classFile, pkg);
            }
        };
    }

    public static ServletInstrumentation javax() {
        return new ServletInstrumentation("javax.servlet");
    }

    public static ServletInstrumentation jakarta() {
        return new ServletInstrumentation("jakarta.servlet");
    }

    @Override
    public String name() {
        return "servlet";
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return Advices.canSee(pkg + ".Servlet");
    }

    @Override
    public TypeFilter types() {
        return TypeFilter.subTypeOf(pkg + ".Servlet", pkg + ".Filter").classesOnly();
    }

    /** {@code service(request, response)} and {@code doFilter(request, response, chain)} with a body; see {@link ServletWeaver}. */
    @Override
    public UnaryOperator<byte[]> weaver() {
        return weaver;
    }

    @Override
    public void start(AgentMetrics metrics) {
        HttpRecorder.install(metrics);
    }

    @Override
    public String toString() {
        return "servlet(" + pkg + ")";
    }
}
