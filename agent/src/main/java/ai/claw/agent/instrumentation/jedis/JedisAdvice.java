package ai.claw.agent.instrumentation.jedis;

import ai.claw.agent.bootstrap.JedisFacade;
import net.bytebuddy.asm.Advice;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;

/**
 * Inlined into {@code redis.clients.jedis.Connection}. Signatures use {@code Object} only, so the
 * same advice loads whatever Jedis version (or none) is present; the casts run inside Jedis.
 */
public final class JedisAdvice {

    private JedisAdvice() {
    }

    /** {@code executeCommand(CommandObject)} (Jedis 4+): one command, send to parsed reply. */
    public static final class Execute {
        private Execute() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static long enter() {
            return JedisFacade.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter long start,
                                @Advice.Argument(0) Object command,
                                @Advice.Thrown Throwable thrown) {
            if (start != 0L) {
                JedisFacade.leave();
                JedisFacade.executed(start, ((CommandObject<?>) command).getArguments().getCommand(), thrown);
            }
        }
    }

    /** {@code sendCommand(CommandArguments)} (Jedis 4+), where every other send overload ends. */
    public static final class Send {
        private Send() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static long enter() {
            return JedisFacade.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter long start,
                                @Advice.This Object connection,
                                @Advice.Argument(0) Object arguments,
                                @Advice.Thrown Throwable thrown) {
            if (start != 0L) {
                JedisFacade.leave();
                JedisFacade.sent(start, connection, ((CommandArguments) arguments).getCommand(), thrown);
            }
        }
    }

    /** {@code sendCommand(ProtocolCommand, byte[]...)} (Jedis 3), where every other send overload ends. */
    public static final class SendV3 {
        private SendV3() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static long enter() {
            return JedisFacade.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter long start,
                                @Advice.This Object connection,
                                @Advice.Argument(0) Object command,
                                @Advice.Thrown Throwable thrown) {
            if (start != 0L) {
                JedisFacade.leave();
                JedisFacade.sent(start, connection, command, thrown);
            }
        }
    }

    /** {@code readProtocolWithCheckingBroken()}: every reply read, in all versions. */
    public static final class Reply {
        private Reply() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.This Object connection, @Advice.Thrown Throwable thrown) {
            JedisFacade.replied(connection, thrown);
        }
    }

    /**
     * {@code initializeFromClientConfig(JedisClientConfig)} (Jedis 4+): the connection handshake
     * (HELLO, AUTH, CLIENT SETINFO, SELECT) is the client's business, not the application's.
     */
    public static final class Handshake {
        private Handshake() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static long enter() {
            return JedisFacade.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter long start) {
            if (start != 0L) {
                JedisFacade.leave();
            }
        }
    }
}
