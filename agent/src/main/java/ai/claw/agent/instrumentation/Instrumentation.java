package ai.claw.agent.instrumentation;

import ai.claw.agent.metrics.AgentMetrics;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.List;
import java.util.function.UnaryOperator;

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

    /**
     * Adds the advice to weave into a class that passed {@link #typeMatcher()}; usually
     * {@code advice.add(Advices.lazy(X.class).on(methods))}. Applied in the order added. An
     * instrumentation with a {@link #weaver()} adds none.
     */
    default void transform(TypeDescription type, List<AsmVisitorWrapper> advice) {
    }

    /**
     * For an instrumentation that writes its code with ASM itself instead of through ByteBuddy's
     * {@code Advice}: class file in, class file with its code written in out, or null where the
     * class has nothing for it. A class only such instrumentations match is never described by
     * ByteBuddy, and {@link #typeMatcher()} is not asked. Null (the default): it uses advice.
     */
    default UnaryOperator<byte[]> weaver() {
        return null;
    }

    /** Installs this instrumentation's facade sink; called before any transformation. */
    void start(AgentMetrics metrics);
}
