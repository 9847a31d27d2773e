package ai.claw.agent.instrumentation;

import ai.claw.agent.metrics.AgentMetrics;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.any;

/**
 * One instrumented library: which class loaders and types it matches, what it does to them, and
 * the facade sink it installs so its advice records into the agent's metrics. Every
 * implementation is listed once in {@link Installer}.
 */
public interface Instrumentation {

    /** The {@code <name>} of its {@code instrumentation.<name>.enabled} switch. */
    String name();

    /**
     * A cheap first filter: class loaders that can see the library (a marker class). Checked
     * before the type matcher, so loaders without the library cost one cached lookup.
     */
    default ElementMatcher<ClassLoader> classLoaderMatcher() {
        return any();
    }

    /** Which classes it transforms, decided before ByteBuddy describes a class (see {@link TypeFilter}). */
    TypeFilter types();

    /**
     * A last check on a class {@link #types()} let through, once ByteBuddy has described it:
     * everything by default; an instrumentation whose filter is only a hint narrows it here.
     */
    default ElementMatcher<TypeDescription> typeMatcher() {
        return any();
    }

    /** Applies the advice; usually {@code builder.visit(Advices.to(X.class).on(methods))}. */
    DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type);

    /** Installs this instrumentation's facade sink; called before any transformation. */
    void start(AgentMetrics metrics);
}
