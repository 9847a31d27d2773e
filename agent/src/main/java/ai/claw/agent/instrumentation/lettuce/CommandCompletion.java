package ai.claw.agent.instrumentation.lettuce;

import ai.claw.agent.bootstrap.AgentHealth;
import ai.claw.agent.instrumentation.redis.RedisOperations;

import java.lang.reflect.Method;
import java.util.function.BiConsumer;

/**
 * Records one Lettuce command when it completes: normally, with an error, by timeout or by
 * cancellation. Futures ({@code AsyncCommand}, which sync and async commands are) report a
 * server error reply as a Throwable; a {@code CommandWrapper} (a reactive command) completes
 * normally and carries the error in its output, so that is read here.
 */
final class CommandCompletion implements BiConsumer<Object, Throwable> {

    /** {@code RedisCommand.getOutput()} and {@code CommandOutput.hasError()}, found once per class. */
    private static final ClassValue<Method> GET_OUTPUT = method("getOutput");
    private static final ClassValue<Method> HAS_ERROR = method("hasError");

    private final RedisOperations operations;
    private final RedisOperations.Command command;
    private final long startNanos;
    /** Set only for commands that are not futures: their output has to be checked for an error. */
    private final Object wrapper;

    CommandCompletion(RedisOperations operations, RedisOperations.Command command, long startNanos, Object wrapper) {
        this.operations = operations;
        this.command = command;
        this.startNanos = startNanos;
        this.wrapper = wrapper;
    }

    @Override
    public void accept(Object result, Throwable error) {
        try {
            long end = System.nanoTime();
            boolean failed = error != null || (wrapper != null && outputHasError(wrapper));
            operations.record(command, startNanos, end, !failed);
        } catch (Throwable t) {
            // Runs inside Lettuce's completion: nothing may escape.
            AgentHealth.suppressed(t);
        }
    }

    static boolean outputHasError(Object command) throws ReflectiveOperationException {
        Method getOutput = GET_OUTPUT.get(command.getClass());
        Object output = getOutput == null ? null : getOutput.invoke(command);
        if (output == null) {
            return false;
        }
        Method hasError = HAS_ERROR.get(output.getClass());
        return hasError != null && Boolean.TRUE.equals(hasError.invoke(output));
    }

    private static ClassValue<Method> method(final String name) {
        return new ClassValue<Method>() {
            @Override
            protected Method computeValue(Class<?> type) {
                return RedisOperations.publicMethod(type, name);
            }
        };
    }
}
