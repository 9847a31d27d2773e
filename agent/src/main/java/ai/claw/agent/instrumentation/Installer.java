package ai.claw.agent.instrumentation;

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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
     * Starts each instrumentation's sink, then registers one transformer for all of them. Classes
     * already loaded (attach, or loaded while this ran in the background) that an instrumentation
     * matches are retransformed.
     */
    public static void install(java.lang.instrument.Instrumentation jvm, List<Instrumentation> instrumentations,
                               AgentMetrics metrics) {
        for (Instrumentation i : instrumentations) {
            i.start(metrics);
        }
        Transformer transformer = new Transformer(instrumentations, metrics);
        jvm.addTransformer(transformer, true);
        retransformLoaded(jvm, transformer);
    }

    /**
     * The loaded classes of application loaders (never the bootstrap loader's: all of the JDK)
     * that an instrumentation matches, described by reflection, then retransformed: in one batch,
     * or one by one if the batch fails, so one class that cannot be changed costs only itself.
     */
    private static void retransformLoaded(java.lang.instrument.Instrumentation jvm, Transformer transformer) {
        List<Class<?>> ours = new ArrayList<>();
        for (Class<?> c : jvm.getAllLoadedClasses()) {
            ClassLoader loader = c.getClassLoader();
            if (loader == null || c.isArray() || Transformer.ignored(c.getName().replace('.', '/')) || !jvm.isModifiableClass(c)) {
                continue;
            }
            try {
                if (transformer.matching(loader, null, c) != null) {
                    ours.add(c);
                }
            } catch (RuntimeException | LinkageError e) {
                // a class whose super types cannot be read is not one of ours
            }
        }
        if (ours.isEmpty()) {
            return;
        }
        try {
            jvm.retransformClasses(ours.toArray(new Class<?>[0]));
        } catch (Throwable batch) {
            for (Class<?> c : ours) {
                try {
                    jvm.retransformClasses(c);
                } catch (Throwable t) {
                    transformer.failed(c.getName(), t);
                }
            }
        }
    }
}
