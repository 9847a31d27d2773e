package ai.claw.agent.instrumentation.jedis;

import ai.claw.agent.instrumentation.redis.RedisMetricsReader;
import ai.claw.agent.metrics.AgentMetrics;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JedisRecorderTest {

    private final AgentMetrics metrics = new AgentMetrics(1000, "test");
    private final JedisRecorder recorder = new JedisRecorder(metrics);

    private long count(String command, String outcome) {
        return RedisMetricsReader.count(metrics, "jedis", command, outcome);
    }

    @Test
    void repliesPairWithTheOldestCommandSentOnTheirConnection() {
        Object a = new Object();
        Object b = new Object();
        recorder.sent(System.nanoTime(), a, Protocol.Command.SET, null);
        recorder.sent(System.nanoTime(), b, Protocol.Command.HSET, null);
        recorder.sent(System.nanoTime(), a, Protocol.Command.GET, null);
        recorder.sent(System.nanoTime(), a, Protocol.Command.INCR, null);

        recorder.replied(a, null);
        recorder.replied(a, new JedisDataException("ERR value is not an integer or out of range"));
        assertEquals(1, count("SET", "success"));
        assertEquals(1, count("GET", "error"));
        assertEquals(0, count("INCR", "success"));

        recorder.replied(b, null);
        recorder.replied(a, null);
        assertEquals(1, count("HSET", "success"));
        assertEquals(1, count("INCR", "success"));

        recorder.replied(a, null); // a pub/sub message: nothing pending, nothing recorded
        assertEquals(4, RedisMetricsReader.series(metrics));
    }

    @Test
    void aBrokenConnectionFailsEveryPendingCommand() {
        Object connection = new Object();
        for (int i = 0; i < 20; i++) {
            recorder.sent(System.nanoTime(), connection, Protocol.Command.GET, null);
        }
        recorder.replied(connection, null);
        recorder.replied(connection, new JedisConnectionException("Unexpected end of stream."));
        recorder.replied(connection, new JedisConnectionException("Attempting to read from a broken connection."));
        assertEquals(1, count("GET", "success"));
        assertEquals(19, count("GET", "error"));
    }

    @Test
    void aFailedSendIsAnErrorAtOnce() {
        recorder.sent(System.nanoTime(), new Object(), Protocol.Command.SET, new JedisConnectionException("refused"));
        assertEquals(1, count("SET", "error"));
    }

    @Test
    void repliesNeverReadAreRecordedUnansweredPastTheLimit() {
        Object connection = new Object();
        for (int i = 0; i < PendingReplies.MAX_PENDING + 5; i++) {
            recorder.sent(System.nanoTime(), connection, Protocol.Command.SET, null);
        }
        assertEquals(5, count("SET", "success"));
        assertEquals(PendingReplies.MAX_PENDING, recorder.pendingFor(connection, false).size());
    }
}
