package ai.claw.agent.instrumentation;

import ai.claw.agent.AgentLog;
import ai.claw.agent.config.AgentConfig;
import ai.claw.agent.instrumentation.annotation.AnnotationInstrumentation;
import ai.claw.agent.instrumentation.annotation.ClawMetricsInstrumentation;
import ai.claw.agent.instrumentation.hikari.HikariInstrumentation;
import ai.claw.agent.instrumentation.jdbc.JdbcInstrumentation;
import ai.claw.agent.instrumentation.jedis.JedisInstrumentation;
import ai.claw.agent.instrumentation.langchain4j.LangChain4jInstrumentation;
import ai.claw.agent.instrumentation.lettuce.LettuceInstrumentation;
import ai.claw.agent.instrumentation.openai.OpenAiInstrumentation;
import ai.claw.agent.instrumentation.servlet.ServletInstrumentation;
import ai.claw.agent.instrumentation.springai.SpringAiInstrumentation;
import ai.claw.agent.metrics.AgentMetrics;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.failSafe;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

/** The one list of instrumentations, and how they are installed. */
public final class Installer {

    private Installer() {
    }

    /** Every instrumentation the agent has, in order. */
    static List<Instrumentation> all() {
        return Arrays.<Instrumentation>asList(
                ServletInstrumentation.javax(),
                ServletInstrumentation.jakarta(),
                new JdbcInstrumentation(),
                new HikariInstrumentation(),
                new JedisInstrumentation(),
                new LettuceInstrumentation(),
                new AnnotationInstrumentation(),
                new ClawMetricsInstrumentation(),
                new LangChain4jInstrumentation(),
                new SpringAiInstrumentation(),
                new OpenAiInstrumentation());
    }

    /** Those whose {@code instrumentation.<name>.enabled} is true. */
    public static List<Instrumentation> enabled(AgentConfig config) {
        List<Instrumentation> enabled = new ArrayList<>();
        for (Instrumentation i : all()) {
            if (config.isEnabled(i.name())) {
                enabled.add(i);
            }
        }
        return enabled;
    }

    /**
     * Starts each instrumentation's sink (and builds its advice if the class path shows its library),
     * then installs one transformer for all of them. Classes already loaded (attach, or loaded while
     * this ran in the background) are retransformed.
     */
    public static ResettableClassFileTransformer install(java.lang.instrument.Instrumentation jvm,
                                                         List<Instrumentation> instrumentations,
                                                         final AgentMetrics metrics) {
        ClassLoader classPath = ClassLoader.getSystemClassLoader();
        for (Instrumentation i : instrumentations) {
            i.start(metrics);
            if (i.classLoaderMatcher().matches(classPath)) {
                Advices.prepare(i);
            }
        }
        // Ignore rules run first, cheapest first: by class loader, then by name (neither reads the
        // class file), and only then isSynthetic(), which parses it.
        AgentBuilder builder = newAgentBuilder()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(ApplicationClasses.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(LazyDescription.INSTANCE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new FailureListener(metrics))
                .ignore(any(), isBootstrapClassLoader())
                .or(IGNORED_NAMES, any())
                .or(isSynthetic(), any());
        for (final Instrumentation i : instrumentations) {
            final ElementMatcher<ClassLoader> loaders = i.classLoaderMatcher();
            // failSafe: a type whose hierarchy cannot be resolved is simply not ours, not an error.
            final ElementMatcher<TypeDescription> types = failSafe(i.typeMatcher());
            builder = builder.type((type, loader, module, classBeingRedefined, domain) ->
                            loaders.matches(loader) && SuperTypes.matching(loader, types, type))
                    .transform((b, type, loader, module, domain) -> i.transform(b, type));
        }
        return builder.installOn(jvm);
    }

    /**
     * JDK, agent, and libraries that cannot hold a servlet, filter, JDBC object or AI client:
     * rejected by name, so their classes (thousands in a Spring Boot app) are never parsed.
     */
    static final ElementMatcher.Junction<TypeDescription> IGNORED_NAMES = nameStartsWith("java.")
            .or(nameStartsWith("jdk."))
            .or(nameStartsWith("sun."))
            .or(nameStartsWith("com.sun."))
            .or(nameStartsWith("net.bytebuddy."))
            .or(nameStartsWith("ai.claw.agent.").and(not(nameStartsWith("ai.claw.agent.api."))))
            .or(nameStartsWithAny(
                    "io.netty.", "reactor.core.", "reactor.util.", "kotlin.", "kotlinx.",
                    "com.fasterxml.jackson.", "tools.jackson.", "com.google.common.", "com.google.protobuf.", "com.google.gson.",
                    "org.yaml.snakeyaml.", "org.slf4j.", "org.apache.logging.log4j.core.", "org.jboss.logging.",
                    "io.micrometer.", "org.aspectj.", "org.objectweb.asm.",
                    "org.springframework.core.", "org.springframework.beans.", "org.springframework.context.",
                    "org.springframework.aop.", "org.springframework.expression.", "org.springframework.cglib.",
                    "org.springframework.asm.", "org.springframework.objenesis.",
                    "org.apache.tomcat.util.", "org.apache.coyote.",
                    "org.eclipse.jetty.util.", "org.eclipse.jetty.io.", "org.eclipse.jetty.http."));

    private static ElementMatcher.Junction<TypeDescription> nameStartsWithAny(final String... prefixes) {
        return new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
            @Override
            public boolean matches(TypeDescription type) {
                String name = type.getName();
                for (String prefix : prefixes) {
                    if (name.startsWith(prefix)) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public String toString() {
                return "nameStartsWithAny(" + Arrays.toString(prefixes) + ")";
            }
        };
    }

    /**
     * Types are described lazily, so the ignore rules reject a class by loader or name without
     * its class file ever being parsed (ByteBuddy's POOL_FIRST parses every class before asking).
     * A class being loaded is read from its own bytes; one already loaded (retransformation), once
     * more than its name is needed, from its class file when one can be found, else by reflection
     * (classes generated at runtime), as POOL_FIRST does.
     */
    enum LazyDescription implements AgentBuilder.DescriptionStrategy {
        INSTANCE;

        @Override
        public boolean isLoadedFirst() {
            return false;
        }

        @Override
        public TypeDescription apply(String name, Class<?> type, TypePool pool, AgentBuilder.CircularityLock lock,
                                     ClassLoader loader, JavaModule module) {
            return type == null ? pool.describe(name).resolve() : new PoolFirst(name, type, pool);
        }
    }

    /** A loaded class, described from its class file if found, else by reflection, when first asked. */
    static final class PoolFirst extends TypeDescription.AbstractBase.OfSimpleType.WithDelegation {
        private final String name;
        private final Class<?> type;
        private final TypePool pool;
        private volatile TypeDescription delegate;

        PoolFirst(String name, Class<?> type, TypePool pool) {
            this.name = name;
            this.type = type;
            this.pool = pool;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        protected TypeDescription delegate() {
            TypeDescription d = delegate;
            if (d == null) {
                TypePool.Resolution resolution = pool.describe(name);
                d = resolution.isResolved() ? resolution.resolve() : TypeDescription.ForLoadedType.of(type);
                delegate = d;
            }
            return d;
        }
    }

    /**
     * The loaded classes offered for retransformation when the agent installs: not those of the
     * bootstrap loader, which are all ignored anyway, so their class files are never read and
     * parsed (that was most of the install's time).
     */
    enum ApplicationClasses implements AgentBuilder.RedefinitionStrategy.DiscoveryStrategy {
        INSTANCE;

        @Override
        public Iterable<Iterable<Class<?>>> resolve(java.lang.instrument.Instrumentation jvm) {
            List<Class<?>> classes = new ArrayList<>();
            for (Class<?> c : jvm.getAllLoadedClasses()) {
                if (c.getClassLoader() != null && !c.isArray() && !c.isPrimitive()) {
                    classes.add(c);
                }
            }
            return Collections.<Iterable<Class<?>>>singletonList(classes);
        }
    }

    /**
     * The constructor builds ByteBuddy's default initialization strategy (replaced by NoOp above),
     * whose first use injects ByteBuddy's Nexus class into the system class loader through
     * {@code sun.misc.Unsafe}, which JDK 24+ reports on the application's standard error. ByteBuddy's
     * own switch (the property of our relocated copy) turns that off while the builder is made.
     */
    private static AgentBuilder newAgentBuilder() {
        String previous = System.getProperty(Nexus.PROPERTY);
        System.setProperty(Nexus.PROPERTY, "true");
        try {
            return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED));
        } finally {
            if (previous == null) {
                System.clearProperty(Nexus.PROPERTY);
            } else {
                System.setProperty(Nexus.PROPERTY, previous);
            }
        }
    }

    /** A class we cannot transform runs unmeasured; say so once, count it, go on. */
    static final class FailureListener extends AgentBuilder.Listener.Adapter {
        private final AgentMetrics metrics;

        FailureListener(AgentMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            AgentLog.debug("instrumented " + type.getName());
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            metrics.agentError("transform");
            AgentLog.warn("cannot instrument " + typeName + " (" + error + "); it runs unmeasured");
        }
    }
}
