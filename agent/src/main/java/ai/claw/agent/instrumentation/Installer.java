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
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

import java.util.ArrayList;
import java.util.Arrays;
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
     * Starts each instrumentation's sink, then installs one transformer for all of them. Classes
     * already loaded (attach, or loaded while this ran in the background) are retransformed.
     */
    public static ResettableClassFileTransformer install(java.lang.instrument.Instrumentation jvm,
                                                         List<Instrumentation> instrumentations,
                                                         final AgentMetrics metrics) {
        for (Instrumentation i : instrumentations) {
            i.start(metrics);
        }
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new FailureListener(metrics))
                .ignore(nameStartsWith("java.")
                        .or(nameStartsWith("jdk."))
                        .or(nameStartsWith("sun."))
                        .or(nameStartsWith("com.sun."))
                        .or(nameStartsWith("net.bytebuddy."))
                        .or(nameStartsWith("ai.claw.agent.").and(not(nameStartsWith("ai.claw.agent.api."))))
                        .or(isSynthetic()), any())
                .or(any(), isBootstrapClassLoader());
        for (final Instrumentation i : instrumentations) {
            // failSafe: a type whose hierarchy cannot be resolved is simply not ours, not an error.
            builder = builder.type(failSafe(i.typeMatcher()), i.classLoaderMatcher())
                    .transform((b, type, loader, module, domain) -> i.transform(b, type));
        }
        return builder.installOn(jvm);
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
