package ai.claw.agent.instrumentation.jdbc;

import ai.claw.agent.instrumentation.Advices;
import ai.claw.agent.instrumentation.Instrumentation;
import ai.claw.agent.instrumentation.TypeFilter;
import ai.claw.agent.metrics.AgentMetrics;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code claw_ai_db_operation_duration_seconds} from every JDBC driver: statement executions of
 * any {@code java.sql.Statement} implementation, labelled from the SQL their connection prepared.
 */
public final class JdbcInstrumentation implements Instrumentation {

    private static final String CONNECTION = "java.sql.Connection";
    private static final String STATEMENT = "java.sql.Statement";
    /** Built when the first class is transformed, not when the agent starts. */
    private static final class Matchers {
        static final ElementMatcher<TypeDescription> IS_CONNECTION = hasSuperType(named(CONNECTION));
        static final ElementMatcher<TypeDescription> IS_STATEMENT = hasSuperType(named(STATEMENT));
        /** Driver API methods: public, with a body, not compiler bridges. */
        static final ElementMatcher.Junction<MethodDescription> API = isPublic().and(not(isAbstract())).and(not(isBridge()));
    }

    private final Advices.Lazy prepare = Advices.lazy(JdbcConnectionAdvice.Prepare.class);
    private final Advices.Lazy createStatement = Advices.lazy(JdbcConnectionAdvice.CreateStatement.class);
    private final Advices.Lazy execute = Advices.lazy(JdbcStatementAdvice.Execute.class);
    private final Advices.Lazy executeBatch = Advices.lazy(JdbcStatementAdvice.ExecuteBatch.class);
    private final Advices.Lazy addBatch = Advices.lazy(JdbcStatementAdvice.AddBatch.class);
    private final Advices.Lazy clearBatch = Advices.lazy(JdbcStatementAdvice.ClearBatch.class);
    private final Advices.Lazy close = Advices.lazy(JdbcStatementAdvice.Close.class);

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public TypeFilter types() {
        return TypeFilter.subTypeOf(CONNECTION, STATEMENT).classesOnly();
    }

    @Override
    public void transform(TypeDescription type, List<AsmVisitorWrapper> advice) {
        if (Matchers.IS_CONNECTION.matches(type)) {
            advice.add(prepare.on(Matchers.API.and(namedOneOf("prepareStatement", "prepareCall")).and(takesArgument(0, String.class))));
            advice.add(createStatement.on(Matchers.API.and(named("createStatement"))));
        }
        if (Matchers.IS_STATEMENT.matches(type)) {
            advice.add(execute.on(Matchers.API.and(namedOneOf("execute", "executeQuery", "executeUpdate", "executeLargeUpdate"))
                    .and(takesArguments(0).or(takesArgument(0, String.class)))));
            advice.add(executeBatch.on(Matchers.API.and(namedOneOf("executeBatch", "executeLargeBatch")).and(takesArguments(0))));
            advice.add(addBatch.on(Matchers.API.and(named("addBatch")).and(takesArguments(String.class))));
            advice.add(clearBatch.on(Matchers.API.and(named("clearBatch")).and(takesArguments(0))));
            advice.add(close.on(Matchers.API.and(named("close")).and(takesArguments(0))));
        }
    }

    @Override
    public void start(AgentMetrics metrics) {
        JdbcRecorder.install(metrics);
    }

    @Override
    public String toString() {
        return "jdbc";
    }
}
