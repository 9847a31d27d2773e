package ai.claw.agent.instrumentation;

import ai.claw.agent.AgentLog;
import ai.claw.agent.metrics.AgentMetrics;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.TypeResolutionStrategy;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's one class file transformer. Each class passes the cheap tests first: its loader
 * (the bootstrap loader's classes are never ours), its name ({@link #IGNORED}), each
 * instrumentation's loader matcher, then its header against each instrumentation's
 * {@link TypeFilter}. Only a class that passes is described by ByteBuddy, and its advice woven
 * with {@code ByteBuddy.decorate}, which changes method bodies and never the class's shape, so
 * the same code serves loading and retransformation.
 *
 * <p>ByteBuddy's {@code AgentBuilder} did the same job, and was most of the agent's startup: it
 * generates a transformer class at run time, and described every class the application loaded
 * through its type pool; with it about 1,100 of ByteBuddy's classes were loaded, verified and
 * compiled while the application started. Here ByteBuddy is used only to weave.
 */
final class Transformer implements ClassFileTransformer {

    /**
     * JDK, agent, and libraries that cannot hold a servlet, filter, JDBC object or AI client, as
     * internal names: their classes (thousands in a Spring Boot app) are rejected by name alone.
     */
    static final String[] IGNORED = {
        "java/", "jdk/", "sun/", "com/sun/", "net/bytebuddy/", "ai/claw/agent/",
        "io/netty/", "reactor/core/", "reactor/util/", "kotlin/", "kotlinx/",
        "com/fasterxml/jackson/", "tools/jackson/", "com/google/common/", "com/google/protobuf/", "com/google/gson/",
        "org/yaml/snakeyaml/", "org/slf4j/", "org/apache/logging/log4j/core/", "org/jboss/logging/",
        "io/micrometer/", "org/aspectj/", "org/objectweb/asm/",
        "org/springframework/core/", "org/springframework/beans/", "org/springframework/context/",
        "org/springframework/aop/", "org/springframework/expression/", "org/springframework/cglib/",
        "org/springframework/asm/", "org/springframework/objenesis/",
        "org/apache/tomcat/util/", "org/apache/coyote/",
        "org/eclipse/jetty/util/", "org/eclipse/jetty/io/", "org/eclipse/jetty/http/"};
    private static final String API = "ai/claw/agent/api/";

    /** Set while this thread transforms: classes loaded meanwhile (by the agent itself) are left alone. */
    private static final ThreadLocal<Boolean> BUSY = new ThreadLocal<>();

    private final List<Instrumentation> instrumentations;
    /** Each instrumentation's loader matcher and type filter, asked once: a matcher caches what it learns. */
    private final ElementMatcher<ClassLoader>[] loaders;
    private final TypeFilter[] types;
    private final AgentMetrics metrics;
    private final ByteBuddy byteBuddy = new ByteBuddy()
            .with(TypeValidation.DISABLED)
            .with(Implementation.Context.Disabled.Factory.INSTANCE);

    @SuppressWarnings("unchecked")
    Transformer(List<Instrumentation> instrumentations, AgentMetrics metrics) {
        this.instrumentations = instrumentations;
        this.loaders = new ElementMatcher[instrumentations.size()];
        this.types = new TypeFilter[instrumentations.size()];
        for (int i = 0; i < loaders.length; i++) {
            loaders[i] = instrumentations.get(i).classLoaderMatcher();
            types[i] = instrumentations.get(i).types();
        }
        this.metrics = metrics;
    }

    /** Whether a class is rejected by its name alone ({@code java/lang/String}); the API's annotations never are. */
    static boolean ignored(String internalName) {
        for (String prefix : IGNORED) {
            if (internalName.startsWith(prefix)) {
                return !internalName.startsWith(API);
            }
        }
        return false;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
                            byte[] classFile) {
        if (loader == null || internalName == null || ignored(internalName) || BUSY.get() != null) {
            return null;
        }
        BUSY.set(Boolean.TRUE);
        try {
            List<Instrumentation> matched = matching(loader, classFile, null);
            return matched == null ? null : weave(loader, internalName.replace('/', '.'), classFile, matched);
        } catch (Throwable t) {
            failed(internalName.replace('/', '.'), t);
            return null;
        } finally {
            BUSY.remove();
        }
    }

    /**
     * The instrumentations whose loader matcher and type filter accept the class, or null: from
     * its class file, or for a loaded class ({@code classFile} null) from what {@link ClassHeader}
     * finds of it.
     */
    List<Instrumentation> matching(ClassLoader loader, byte[] classFile, Class<?> loaded) {
        ClassHeader header = null;
        List<Instrumentation> matched = null;
        for (int i = 0; i < loaders.length; i++) {
            if (!loaders[i].matches(loader)) {
                continue;
            }
            if (header == null) {
                try {
                    header = classFile != null ? ClassHeader.of(classFile) : ClassHeader.of(loaded);
                } catch (IllegalArgumentException e) {
                    return null; // a class file newer than ByteBuddy's ASM reads: it could not be woven either
                }
                if (header.isSynthetic()) {
                    return null;
                }
            }
            if (types[i].matches(header, loader)) {
                if (matched == null) {
                    matched = new ArrayList<>(2);
                }
                matched.add(instrumentations.get(i));
            }
        }
        return matched;
    }

    private byte[] weave(ClassLoader loader, String name, byte[] classFile, List<Instrumentation> matched) {
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(name, classFile), ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(), locator,
                TypePool.Default.ReaderMode.FAST);
        TypeDescription type = pool.describe(name).resolve();
        DynamicType.Builder<?> builder = byteBuddy.decorate(type, locator);
        boolean any = false;
        for (Instrumentation i : matched) {
            if (i.typeMatcher().matches(type)) {
                builder = i.transform(builder, type);
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        byte[] woven = builder.make(TypeResolutionStrategy.Disabled.INSTANCE, pool).getBytes();
        AgentLog.debug("instrumented " + name);
        return woven;
    }

    /** A class we cannot transform runs unmeasured; say so, count it, go on. */
    void failed(String name, Throwable error) {
        metrics.agentError("transform");
        AgentLog.warn("cannot instrument " + name + " (" + error + "); it runs unmeasured");
    }
}
