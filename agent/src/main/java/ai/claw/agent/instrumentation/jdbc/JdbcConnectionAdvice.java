package ai.claw.agent.instrumentation.jdbc;

import ai.claw.agent.bootstrap.JdbcFacade;
import net.bytebuddy.asm.Advice;

/** Inlined into every {@code java.sql.Connection} implementation: remembers the statements it creates. */
public final class JdbcConnectionAdvice {

    private JdbcConnectionAdvice() {
    }

    /** {@code prepareStatement(String, ...)} and {@code prepareCall(String, ...)}: the statement's SQL, read once. */
    public static final class Prepare {
        private Prepare() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static Object enter() {
            return JdbcFacade.enterPrepare();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter Object call,
                                @Advice.This Object connection,
                                @Advice.Argument(0) String sql,
                                @Advice.Return Object statement) {
            JdbcFacade.prepared(call, connection, statement, sql);
        }
    }

    /** {@code createStatement(...)}: a statement whose SQL comes with each call. */
    public static final class CreateStatement {
        private CreateStatement() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static Object enter() {
            return JdbcFacade.enterPrepare();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter Object call, @Advice.This Object connection, @Advice.Return Object statement) {
            JdbcFacade.prepared(call, connection, statement, null);
        }
    }
}
