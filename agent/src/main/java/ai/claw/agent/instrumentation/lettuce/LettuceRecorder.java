package ai.claw.agent.instrumentation.lettuce;

import ai.claw.agent.bootstrap.LettuceFacade;
import ai.claw.agent.instrumentation.redis.RedisOperations;
import ai.claw.agent.metrics.AgentMetrics;

import java.util.concurrent.CompletableFuture;

/** Turns dispatched Lettuce commands into {@code claw_ai_redis_operation_duration_seconds{client="lettuce"}}. */
public final class LettuceRecorder implements LettuceFacade.Sink {

    static final String CLIENT = "lettuce";

    private static LettuceRecorder installed;

    private final AgentMetrics metrics;
    private final RedisOperations operations;

    LettuceRecorder(AgentMetrics metrics) {
        this.metrics = metrics;
        this.operations = new RedisOperations(metrics, CLIENT, "getBytes");
    }

    static synchronized void install(AgentMetrics metrics) {
        if (installed == null || installed.metrics != metrics) {
            installed = new LettuceRecorder(metrics);
            LettuceFacade.install(installed);
        }
    }

    @Override
    public Object dispatched(Object type, Object command) {
        return new CommandCompletion(operations, operations.command(type), System.nanoTime(),
                command instanceof CompletableFuture ? null : command);
    }
}
