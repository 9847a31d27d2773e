package ai.claw.agent.instrumentation.jedis;

import ai.claw.agent.bootstrap.JedisFacade;
import ai.claw.agent.instrumentation.redis.RedisOperations;
import ai.claw.agent.metrics.AgentMetrics;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Turns Jedis commands into {@code claw_ai_redis_operation_duration_seconds{client="jedis"}}.
 * Commands run through {@code executeCommand} are recorded when it returns; commands sent on
 * their own wait in their connection's {@link PendingReplies} until their reply is read.
 */
public final class JedisRecorder implements JedisFacade.Sink {

    static final String CLIENT = "jedis";
    private static final String DATA_EXCEPTION = "redis.clients.jedis.exceptions.JedisDataException";

    private static JedisRecorder installed;

    /** An error reply from the server: the connection is fine and the next reply is the next command's. */
    private static final ClassValue<Boolean> IS_ERROR_REPLY = new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                if (DATA_EXCEPTION.equals(c.getName())) {
                    return true;
                }
            }
            return false;
        }
    };

    private final AgentMetrics metrics;
    private final RedisOperations operations;
    /** Jedis' {@code Connection} does not override equals/hashCode, so this map is by identity. */
    private final Map<Object, PendingReplies> pending = new WeakHashMap<>();
    /** The connection a thread last pipelined on: saves the shared map's lock on each command. */
    private final ThreadLocal<PendingReplies> lastUsed = new ThreadLocal<>();

    JedisRecorder(AgentMetrics metrics) {
        this.metrics = metrics;
        this.operations = new RedisOperations(metrics, CLIENT, "getRaw");
    }

    static synchronized void install(AgentMetrics metrics) {
        if (installed == null || installed.metrics != metrics) {
            installed = new JedisRecorder(metrics);
            JedisFacade.install(installed);
        }
    }

    @Override
    public void executed(long startNanos, Object command, Throwable thrown) {
        operations.record(operations.command(command), startNanos, System.nanoTime(), thrown == null);
    }

    @Override
    public void sent(long startNanos, Object connection, Object command, Throwable thrown) {
        RedisOperations.Command name = operations.command(command);
        if (thrown != null) {
            operations.record(name, startNanos, System.nanoTime(), false);
            return;
        }
        pendingFor(connection, true).add(name, startNanos, operations);
    }

    @Override
    public void replied(Object connection, Throwable thrown) {
        long now = System.nanoTime();
        PendingReplies replies = pendingFor(connection, false);
        if (replies == null) {
            return;
        }
        if (thrown == null || IS_ERROR_REPLY.get(thrown.getClass())) {
            replies.complete(now, thrown == null, operations);
        } else {
            replies.failAll(now, operations);
        }
    }

    PendingReplies pendingFor(Object connection, boolean create) {
        PendingReplies replies = lastUsed.get();
        if (replies != null && replies.isFor(connection)) {
            return replies;
        }
        synchronized (pending) {
            replies = pending.get(connection);
            if (replies == null) {
                if (!create) {
                    return null;
                }
                replies = new PendingReplies(connection);
                pending.put(connection, replies);
            }
        }
        lastUsed.set(replies);
        return replies;
    }
}
