package ai.claw.agent.instrumentation;

import ai.claw.agent.AgentLog;
import ai.claw.agent.metrics.AgentMetrics;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.AsmClassWriter;
import net.bytebuddy.utility.OpenedClassReader;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.isVirtual;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * The agent's one class file transformer. Each class passes the cheap tests first: its loader
 * (the bootstrap loader's classes are never ours), its name ({@link #IGNORED}), each
 * instrumentation's loader matcher, then its header against each instrumentation's
 * {@link TypeFilter}. A class that passes gets the code of the instrumentations that write it with
 * ASM themselves (servlets: {@link Instrumentation#weaver()}); for the others it is described by
 * ByteBuddy's type pool and their advice woven: ASM reads the class through the instrumentations'
 * {@code Advice} visitors into a writer that keeps its constant pool. Both change method bodies and
 * never the class's shape, so the same code serves loading and retransformation.
 *
 * <p>ByteBuddy's {@code AgentBuilder} did the same job, and was most of the agent's startup: it
 * generates a transformer class at run time, and described every class the application loaded
 * through its type pool; with it about 1,100 of ByteBuddy's classes were loaded, verified and
 * compiled while the application started. {@code ByteBuddy.decorate} then did the weaving: the
 * same visitors, behind a {@code ByteBuddy} instance (100 ms of the agent's start to build) and a
 * method graph of the class's whole hierarchy, which {@code Advice} does not need.
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
                    return null; // not a class file the JVM would define either
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

    /** The class file with every matched instrumentation's code in, or null if none had anything for it. */
    private byte[] weave(ClassLoader loader, String name, byte[] classFile, List<Instrumentation> matched) {
        byte[] current = classFile;
        List<Instrumentation> advised = null;
        for (Instrumentation i : matched) {
            UnaryOperator<byte[]> weaver = i.weaver();
            if (weaver == null) {
                if (advised == null) {
                    advised = new ArrayList<>(2);
                }
                advised.add(i);
            } else {
                byte[] woven = weaver.apply(current);
                current = woven != null ? woven : current;
            }
        }
        if (advised != null) {
            byte[] woven = advise(loader, name, current, advised);
            current = woven != null ? woven : current;
        }
        if (current == classFile) {
            return null;
        }
        AgentLog.debug("instrumented " + name);
        return current;
    }

    /** The class file with the instrumentations' ByteBuddy advice woven in, or null if none applies. */
    private static byte[] advise(ClassLoader loader, String name, byte[] classFile, List<Instrumentation> matched) {
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(name, classFile), ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(), locator,
                TypePool.Default.ReaderMode.FAST);
        TypeDescription type = pool.describe(name).resolve();
        List<AsmVisitorWrapper> advice = new ArrayList<>();
        for (Instrumentation i : matched) {
            if (i.typeMatcher().matches(type)) {
                i.transform(type, advice);
            }
        }
        return advice.isEmpty() ? null
                : weave(type, classFile, pool, advice.size() == 1 ? advice.get(0) : new AsmVisitorWrapper.Compound(advice));
    }

    /**
     * What {@code ByteBuddy.decorate(type).visit(advice).make()} writes, without what decoration
     * needs and advice does not: the visitors are given the class's declared fields and methods
     * (less synthetic virtual ones, as ByteBuddy leaves them out) and a disabled implementation
     * context, since advice never adds a member; frames are kept or expanded as the visitors ask.
     */
    static byte[] weave(TypeDescription type, byte[] classFile, TypePool pool, AsmVisitorWrapper advice) {
        int writerFlags = advice.mergeWriter(AsmVisitorWrapper.NO_FLAGS);
        int readerFlags = advice.mergeReader(AsmVisitorWrapper.NO_FLAGS);
        ClassReader reader = OpenedClassReader.of(classFile);
        ClassWriter writer = new AsmClassWriter.FrameComputingClassWriter(reader, writerFlags, pool);
        ClassFileVersion version = ClassFileVersion.ofClassFile(classFile);
        Implementation.Context.FrameGeneration frames = (writerFlags & ClassWriter.COMPUTE_FRAMES) != 0
                || !version.isAtLeast(ClassFileVersion.JAVA_V6)
                ? Implementation.Context.FrameGeneration.DISABLED
                : (readerFlags & ClassReader.EXPAND_FRAMES) != 0
                ? Implementation.Context.FrameGeneration.EXPAND
                : Implementation.Context.FrameGeneration.GENERATE;
        Implementation.Context context = new Implementation.Context.Disabled(type, version, frames) {
        };
        reader.accept(advice.wrap(type, writer, context, pool, type.getDeclaredFields(),
                type.getDeclaredMethods().filter(not(isVirtual().and(isSynthetic()))), writerFlags, readerFlags), readerFlags);
        return writer.toByteArray();
    }

    /** A class we cannot transform runs unmeasured; say so, count it, go on. */
    void failed(String name, Throwable error) {
        metrics.agentError("transform");
        AgentLog.warn("cannot instrument " + name + " (" + error + "); it runs unmeasured");
    }
}
