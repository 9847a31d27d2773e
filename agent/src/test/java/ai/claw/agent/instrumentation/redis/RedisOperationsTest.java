package ai.claw.agent.instrumentation.redis;

import ai.claw.agent.metrics.AgentMetrics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RedisOperationsTest {

    /** Like Jedis' {@code ProtocolCommand}. */
    public interface Named {
        byte[] getRaw();
    }

    enum Command implements Named {
        GET, HSET, JSON_SET("JSON.SET"), SPACED("MY KEY");

        private final byte[] raw;

        Command() {
            raw = name().getBytes(StandardCharsets.US_ASCII);
        }

        Command(String raw) {
            this.raw = raw.getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public byte[] getRaw() {
            return raw;
        }
    }

    private final RedisOperations operations = new RedisOperations(new AgentMetrics(1000, "test"), "jedis", "getRaw");

    @Test
    void theLabelIsTheCommandObjectsOwnNameUpperCase() {
        assertEquals("GET", operations.name(Command.GET));
        assertEquals("HSET", operations.name(Command.HSET));
        assertEquals("JSON.SET", operations.name(Command.JSON_SET));
        Named lambda = () -> "zadd".getBytes(StandardCharsets.US_ASCII);
        assertEquals("ZADD", operations.name(lambda));
    }

    @Test
    void anythingButACommandWordIsOther() {
        assertEquals("OTHER", operations.name(Command.SPACED));
        assertEquals("OTHER", operations.name(null));
        assertEquals("OTHER", RedisOperations.label(""));
        assertEquals("OTHER", RedisOperations.label("A".repeat(RedisOperations.MAX_LENGTH + 1)));
        assertEquals("OTHER", RedisOperations.label("GET\nkey"));
        assertEquals("CLIENT", RedisOperations.label(" client "));
    }

    @Test
    void withoutTheAccessorTheObjectsNameIsUsed() {
        RedisOperations lettuce = new RedisOperations(new AgentMetrics(1000, "test"), "lettuce", "getBytes");
        assertEquals("GET", lettuce.name(Command.GET));
    }

    @Test
    void recordsIntoTheClientsSeries() {
        AgentMetrics metrics = new AgentMetrics(1000, "test");
        RedisOperations lettuce = new RedisOperations(metrics, "lettuce", "getBytes");
        lettuce.record("GET", 0, 1_000_000, true);
        lettuce.record("GET", 0, 1_000_000, false);
        lettuce.record("GET", 0, 1_000_000, false);
        assertEquals(1, RedisMetricsReader.count(metrics, "lettuce", "GET", "success"));
        assertEquals(2, RedisMetricsReader.count(metrics, "lettuce", "GET", "error"));
    }
}
