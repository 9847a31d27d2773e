package ai.claw.agent.instrumentation.servlet;

import ai.claw.agent.instrumentation.Advices;
import ai.claw.agent.instrumentation.Instrumentation;
import ai.claw.agent.instrumentation.TypeFilter;
import ai.claw.agent.metrics.AgentMetrics;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * HTTP metrics from servlet dispatch. One instance per namespace: {@code javax.servlet}
 * (Servlet 3.0+) and {@code jakarta.servlet} (Servlet 5+), sharing one advice and one recorder.
 */
public final class ServletInstrumentation implements Instrumentation {

    private final String pkg;
    private final Advices.Lazy service;

    private ServletInstrumentation(String pkg) {
        this.pkg = pkg;
        this.service = "javax.servlet".equals(pkg)
                ? Advices.lazy(ServletAdvice.class)
                : new Advices.Lazy(() -> Advices.toRenamed(ServletAdvice.class, "javax/servlet/", pkg.replace('.', '/') + "/"));
    }

    /** {@code service(request, response)} and {@code doFilter(request, response, chain)} with a body. */
    private ElementMatcher<MethodDescription> methods() {
        ElementMatcher.Junction<MethodDescription> requestResponse = takesArgument(0, named(pkg + ".ServletRequest"))
                .and(takesArgument(1, named(pkg + ".ServletResponse")));
        return not(isAbstract()).and(
                named("service").and(takesArguments(2)).and(requestResponse)
                        .or(named("doFilter").and(takesArguments(3)).and(requestResponse)
                                .and(takesArgument(2, named(pkg + ".FilterChain")))));
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

    @Override
    public void transform(TypeDescription type, List<AsmVisitorWrapper> advice) {
        advice.add(service.on(methods()));
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
