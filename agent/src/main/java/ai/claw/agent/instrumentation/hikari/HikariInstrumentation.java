package ai.claw.agent.instrumentation.hikari;

import ai.claw.agent.instrumentation.Advices;
import ai.claw.agent.instrumentation.Instrumentation;
import ai.claw.agent.instrumentation.TypeFilter;
import ai.claw.agent.metrics.AgentMetrics;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code claw_ai_db_pool_connections} for every HikariCP pool: each {@code HikariPool} registers
 * itself when constructed (and on its housekeeping runs, for pools older than the agent); its
 * counts are read when Prometheus scrapes (see {@link HikariPools}).
 */
public final class HikariInstrumentation implements Instrumentation {

    static final String POOL_CLASS = "com.zaxxer.hikari.pool.HikariPool";

    private final Advices.Lazy constructed = Advices.lazy(HikariPoolAdvice.Constructed.class);
    private final Advices.Lazy housekeeping = Advices.lazy(HikariPoolAdvice.Housekeeping.class);

    @Override
    public String name() {
        return "hikari";
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return Advices.canSee(POOL_CLASS);
    }

    @Override
    public TypeFilter types() {
        return TypeFilter.named(POOL_CLASS);
    }

    @Override
    public void transform(TypeDescription type, List<AsmVisitorWrapper> advice) {
        advice.add(constructed.on(isConstructor().and(takesArguments(1))));
        advice.add(housekeeping.on(named("logPoolState")));
    }

    @Override
    public void start(AgentMetrics metrics) {
        HikariPools.install(metrics);
    }

    @Override
    public String toString() {
        return "hikari";
    }
}
