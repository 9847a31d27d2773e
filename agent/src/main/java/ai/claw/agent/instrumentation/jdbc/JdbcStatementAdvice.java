package ai.claw.agent.instrumentation.jdbc;

import ai.claw.agent.bootstrap.JdbcFacade;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into every {@code java.sql.Statement} implementation (prepared and callable ones,
 * and pool proxies, included). Only the outermost call on a thread records, so a proxy
 * delegating to the driver's statement counts once.
 */
public final class JdbcStatementAdvice {

    private JdbcStatementAdvice() {
    }

    /** {@code execute}, {@code executeQuery}, {@code executeUpdate}, {@code executeLargeUpdate}, with or without SQL. */
    public static final class Execute {
        private Execute() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static Object enter() {
            return JdbcFacade.enterExecute();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter Object call,
                                @Advice.This Object statement,
                                @Advice.Argument(value = 0, optional = true) Object sql,
                                @Advice.Thrown Throwable thrown) {
            if (call != null) {
                JdbcFacade.executed(call, statement, sql, thrown);
            }
        }
    }

    /** {@code executeBatch} and {@code executeLargeBatch}: one operation per call. */
    public static final class ExecuteBatch {
        private ExecuteBatch() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static Object enter() {
            return JdbcFacade.enterExecute();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter Object call, @Advice.This Object statement, @Advice.Thrown Throwable thrown) {
            if (call != null) {
                JdbcFacade.batchExecuted(call, statement, thrown);
            }
        }
    }

    /** {@code addBatch(String)} of a plain statement: the first SQL names the batch. */
    public static final class AddBatch {
        private AddBatch() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static Object enter() {
            return JdbcFacade.enterExecute();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter Object call,
                                @Advice.This Object statement,
                                @Advice.Argument(0) String sql,
                                @Advice.Thrown Throwable thrown) {
            if (call != null) {
                JdbcFacade.batchAdded(call, statement, sql, thrown);
            }
        }
    }

    /** {@code close()}: lets the agent forget the statement at once. */
    public static final class Close {
        private Close() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object statement) {
            JdbcFacade.closed(statement);
        }
    }

    /** {@code clearBatch()}. */
    public static final class ClearBatch {
        private ClearBatch() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object statement) {
            JdbcFacade.batchCleared(statement);
        }
    }
}
