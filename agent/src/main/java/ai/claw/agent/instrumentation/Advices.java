package ai.claw.agent.instrumentation;

import ai.claw.agent.bootstrap.AgentHealth;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/** Shared building blocks for instrumentations. */
public final class Advices {

    private Advices() {
    }

    /**
     * Every suppressed advice failure goes to {@link AgentHealth#suppressed(Throwable)}. Built with
     * the first advice, not when the instrumentations are listed at the agent's start.
     */
    private static final class Health {
        static final Advice.ExceptionHandler TO_AGENT_HEALTH;

        static {
            try {
                TO_AGENT_HEALTH = new Advice.ExceptionHandler.Simple(MethodInvocation.invoke(
                        new MethodDescription.ForLoadedMethod(AgentHealth.class.getMethod("suppressed", Throwable.class))));
            } catch (NoSuchMethodException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    /** Advice from a class, its suppressed failures reported to the agent's health. */
    public static Advice to(Class<?> adviceClass) {
        return Advice.to(adviceClass).withExceptionHandler(Health.TO_AGENT_HEALTH);
    }

    /** The same, built when first applied: see {@link Lazy}. */
    public static Lazy lazy(final Class<?> adviceClass) {
        return new Lazy(() -> to(adviceClass));
    }

    /** Reports an advice's suppressed failures to {@link AgentHealth#suppressed(Throwable)}. */
    public static Advice.ExceptionHandler toAgentHealth() {
        return Health.TO_AGENT_HEALTH;
    }

    /**
     * An advice built when a class first needs it. Building one reads and parses its class and
     * reflects on its annotations (hundreds of kilobytes of garbage each, megabytes in all at the
     * agent's start, where it made G1 grow the heap); built lazily, the advice of a library the
     * application does not have is never built at all.
     */
    public static final class Lazy {
        private final Supplier<Advice> build;
        private volatile Advice advice;

        public Lazy(Supplier<Advice> build) {
            this.build = build;
        }

        public Advice get() {
            Advice a = advice;
            if (a == null) {
                synchronized (this) {
                    a = advice;
                    if (a == null) {
                        a = build.get();
                        advice = a;
                    }
                }
            }
            return a;
        }

        /** {@link Advice#on}. */
        public AsmVisitorWrapper.ForDeclaredMethods on(ElementMatcher<? super MethodDescription> methods) {
            return get().on(methods);
        }
    }

    /**
     * Matches class loaders that can see {@code className}, cached per loader (weakly), so a
     * loader without the library is rejected after one resource lookup.
     */
    public static ElementMatcher<ClassLoader> canSee(final String className) {
        final String resource = className.replace('.', '/') + ".class";
        final Map<ClassLoader, Boolean> cache = Collections.synchronizedMap(new WeakHashMap<ClassLoader, Boolean>());
        return new ElementMatcher<ClassLoader>() {
            @Override
            public boolean matches(ClassLoader loader) {
                if (loader == null) {
                    return false;
                }
                Boolean seen = cache.get(loader);
                if (seen == null) {
                    seen = loader.getResource(resource) != null;
                    cache.put(loader, seen);
                }
                return seen;
            }

            @Override
            public String toString() {
                return "canSee(" + className + ")";
            }
        };
    }
}
