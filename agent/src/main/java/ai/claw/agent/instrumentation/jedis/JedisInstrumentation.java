package ai.claw.agent.instrumentation.jedis;

import ai.claw.agent.instrumentation.Advices;
import ai.claw.agent.instrumentation.Instrumentation;
import ai.claw.agent.instrumentation.TypeFilter;
import ai.claw.agent.metrics.AgentMetrics;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code claw_ai_redis_operation_duration_seconds{client="jedis"}} from Jedis 3.x to 8.x. Every
 * command of every Jedis API (Jedis, JedisPooled/UnifiedJedis, JedisCluster, pipelines,
 * transactions, pub/sub) goes through {@code redis.clients.jedis.Connection}: its one send method
 * and its one reply-reading method are the choke points in all versions, and Jedis 4+ adds
 * {@code executeCommand(CommandObject)}, which times most commands without any bookkeeping.
 */
public final class JedisInstrumentation implements Instrumentation {

    private static final String CONNECTION = "redis.clients.jedis.Connection";

    /** Built when the first class is transformed, not when the agent starts. */
    private static final class Matchers {
        static final ElementMatcher.Junction<MethodDescription> EXECUTE = named("executeCommand")
                .and(takesArguments(1)).and(takesArgument(0, named("redis.clients.jedis.CommandObject")));
        static final ElementMatcher.Junction<MethodDescription> SEND = named("sendCommand")
                .and(takesArguments(1)).and(takesArgument(0, named("redis.clients.jedis.CommandArguments")));
        static final ElementMatcher.Junction<MethodDescription> SEND_V3 = named("sendCommand")
                .and(takesArguments(2))
                .and(takesArgument(0, named("redis.clients.jedis.commands.ProtocolCommand")))
                .and(takesArgument(1, byte[][].class));
        static final ElementMatcher.Junction<MethodDescription> REPLY = named("readProtocolWithCheckingBroken")
                .and(takesArguments(0));
        static final ElementMatcher.Junction<MethodDescription> HANDSHAKE = named("initializeFromClientConfig")
                .and(takesArguments(1));
    }

    private final Advices.Lazy execute = Advices.lazy(JedisAdvice.Execute.class);
    private final Advices.Lazy send = Advices.lazy(JedisAdvice.Send.class);
    private final Advices.Lazy sendV3 = Advices.lazy(JedisAdvice.SendV3.class);
    private final Advices.Lazy reply = Advices.lazy(JedisAdvice.Reply.class);
    private final Advices.Lazy handshake = Advices.lazy(JedisAdvice.Handshake.class);

    @Override
    public String name() {
        return "jedis";
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return Advices.canSee(CONNECTION);
    }

    @Override
    public TypeFilter types() {
        return TypeFilter.named(CONNECTION);
    }

    @Override
    public void transform(TypeDescription type, List<AsmVisitorWrapper> advice) {
        // Jedis 4+ funnels every send overload into sendCommand(CommandArguments); Jedis 3 into (ProtocolCommand, byte[]...).
        boolean v4 = !type.getDeclaredMethods().filter(Matchers.SEND).isEmpty();
        advice.add(execute.on(Matchers.EXECUTE));
        advice.add(v4 ? send.on(Matchers.SEND) : sendV3.on(Matchers.SEND_V3));
        advice.add(reply.on(Matchers.REPLY));
        advice.add(handshake.on(Matchers.HANDSHAKE));
    }

    @Override
    public void start(AgentMetrics metrics) {
        JedisRecorder.install(metrics);
    }

    @Override
    public String toString() {
        return "jedis";
    }
}
