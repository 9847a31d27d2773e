package ai.claw.agent.instrumentation.lettuce;

import ai.claw.agent.instrumentation.Advices;
import ai.claw.agent.instrumentation.Instrumentation;
import ai.claw.agent.instrumentation.TypeFilter;
import ai.claw.agent.metrics.AgentMetrics;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.List;

import java.util.Collection;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code claw_ai_redis_operation_duration_seconds{client="lettuce"}} from Lettuce 5.x to 7.x.
 * Every command of the sync, async and reactive APIs (standalone, pub/sub, cluster, sentinel,
 * master/replica, multi-db) is handed once to {@code RedisChannelHandler.dispatch}, which
 * subclasses call through {@code super}; node connections, redirects and reconnects write below
 * it, so nothing is counted twice. The connection handshake does not pass through it.
 */
public final class LettuceInstrumentation implements Instrumentation {

    private static final String CHANNEL_HANDLER = "io.lettuce.core.RedisChannelHandler";

    private final Advices.Lazy dispatch = Advices.lazy(LettuceAdvice.Dispatch.class);
    private final Advices.Lazy dispatchAll = Advices.lazy(LettuceAdvice.DispatchAll.class);

    @Override
    public String name() {
        return "lettuce";
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return Advices.canSee("io.lettuce.core.protocol.CompleteableCommand");
    }

    @Override
    public TypeFilter types() {
        return TypeFilter.named(CHANNEL_HANDLER);
    }

    @Override
    public void transform(TypeDescription type, List<AsmVisitorWrapper> advice) {
        advice.add(dispatch.on(named("dispatch").and(takesArguments(1))
                .and(takesArgument(0, named("io.lettuce.core.protocol.RedisCommand")))));
        advice.add(dispatchAll.on(named("dispatch").and(takesArguments(1))
                .and(takesArgument(0, Collection.class))));
    }

    @Override
    public void start(AgentMetrics metrics) {
        LettuceRecorder.install(metrics);
    }

    @Override
    public String toString() {
        return "lettuce";
    }
}
