package ai.claw.agent.instrumentation.lettuce;

import ai.claw.agent.bootstrap.LettuceFacade;
import io.lettuce.core.protocol.CompleteableCommand;
import io.lettuce.core.protocol.RedisCommand;
import net.bytebuddy.asm.Advice;

import java.util.Collection;
import java.util.function.BiConsumer;

/**
 * Inlined into {@code io.lettuce.core.RedisChannelHandler.dispatch}: attaches the agent's
 * completion callback to each command before it is written, so one that fails on the way out
 * is seen too. Signatures use {@code Object} only; the casts run inside Lettuce.
 */
public final class LettuceAdvice {

    private LettuceAdvice() {
    }

    /** {@code dispatch(RedisCommand)}. */
    public static final class Dispatch {
        private Dispatch() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        @SuppressWarnings({"unchecked", "rawtypes"})
        public static void enter(@Advice.Argument(0) Object command) {
            if (command instanceof CompleteableCommand) {
                Object completion = LettuceFacade.dispatched(((RedisCommand) command).getType(), command);
                if (completion != null) {
                    ((CompleteableCommand) command).onComplete((BiConsumer) completion);
                }
            }
        }
    }

    /** {@code dispatch(Collection<RedisCommand>)}: each command counts one. */
    public static final class DispatchAll {
        private DispatchAll() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        @SuppressWarnings({"unchecked", "rawtypes"})
        public static void enter(@Advice.Argument(0) Object commands) {
            for (Object command : (Collection<?>) commands) {
                if (command instanceof CompleteableCommand) {
                    Object completion = LettuceFacade.dispatched(((RedisCommand) command).getType(), command);
                    if (completion != null) {
                        ((CompleteableCommand) command).onComplete((BiConsumer) completion);
                    }
                }
            }
        }
    }
}
