package ai.claw.agent.instrumentation.jedis;

import ai.claw.agent.instrumentation.redis.RedisOperations;

import java.lang.ref.WeakReference;

/**
 * The commands sent on one Jedis connection whose replies have not been read yet, oldest first.
 * Redis answers in order, so each reply read belongs to the oldest command here. Synchronized:
 * a pub/sub connection is written by one thread while another reads it.
 */
final class PendingReplies {

    /** Beyond this (replies never read, e.g. {@code CLIENT REPLY OFF}) the oldest is recorded unanswered. */
    static final int MAX_PENDING = 16_384;

    private final WeakReference<Object> connection;
    private RedisOperations.Command[] commands = new RedisOperations.Command[8];
    private long[] starts = new long[8];
    private int head;
    private int size;

    PendingReplies(Object connection) {
        this.connection = new WeakReference<>(connection);
    }

    boolean isFor(Object candidate) {
        return connection.get() == candidate;
    }

    synchronized void add(RedisOperations.Command command, long startNanos, RedisOperations operations) {
        if (size == MAX_PENDING) {
            complete(System.nanoTime(), true, operations);
        }
        if (size == commands.length) {
            grow();
        }
        int tail = (head + size) % commands.length;
        commands[tail] = command;
        starts[tail] = startNanos;
        size++;
    }

    /** Records the oldest command as answered now; nothing when none is pending (pub/sub messages). */
    synchronized void complete(long endNanos, boolean success, RedisOperations operations) {
        if (size == 0) {
            return;
        }
        RedisOperations.Command command = commands[head];
        long start = starts[head];
        commands[head] = null;
        head = (head + 1) % commands.length;
        size--;
        operations.record(command, start, endNanos, success);
    }

    /** The connection broke: no pending command will get its reply. */
    synchronized void failAll(long endNanos, RedisOperations operations) {
        while (size > 0) {
            complete(endNanos, false, operations);
        }
    }

    synchronized int size() {
        return size;
    }

    private void grow() {
        int n = commands.length;
        RedisOperations.Command[] c = new RedisOperations.Command[n * 2];
        long[] s = new long[n * 2];
        for (int i = 0; i < size; i++) {
            c[i] = commands[(head + i) % n];
            s[i] = starts[(head + i) % n];
        }
        commands = c;
        starts = s;
        head = 0;
    }
}
