package ai.claw.agent.instrumentation.redis;

import ai.claw.agent.metrics.AgentMetrics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

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
        assertEquals("GET", operations.command(Command.GET).label());
        assertEquals("HSET", operations.command(Command.HSET).label());
        assertEquals("JSON.SET", operations.command(Command.JSON_SET).label());
        Named lambda = () -> "zadd".getBytes(StandardCharsets.US_ASCII);
        assertEquals("ZADD", operations.command(lambda).label());
    }

    @Test
    void anythingButACommandWordIsOther() {
        assertEquals("OTHER", operations.command(Command.SPACED).label());
        assertEquals("OTHER", operations.command(null).label());
        assertEquals("OTHER", RedisOperations.label(""));
        assertEquals("OTHER", RedisOperations.label("A".repeat(RedisOperations.MAX_LENGTH + 1)));
        assertEquals("OTHER", RedisOperations.label("GET\nkey"));
        assertEquals("CLIENT", RedisOperations.label(" client "));
    }

    @Test
    void withoutTheAccessorTheObjectsNameIsUsed() {
        RedisOperations lettuce = new RedisOperations(new AgentMetrics(1000, "test"), "lettuce", "getBytes");
        assertEquals("GET", lettuce.command(Command.GET).label());
    }

    @Test
    void recordsIntoTheClientsSeries() {
        AgentMetrics metrics = new AgentMetrics(1000, "test");
        RedisOperations lettuce = new RedisOperations(metrics, "lettuce", "getBytes");
        RedisOperations.Command get = lettuce.command(Command.GET);
        lettuce.record(get, 0, 1_000_000, true);
        lettuce.record(get, 0, 1_000_000, false);
        lettuce.record(get, 0, 1_000_000, false);
        lettuce.record(lettuce.command(Command.GET), 0, 1_000_000, true);
        assertEquals(2, RedisMetricsReader.count(metrics, "lettuce", "GET", "success"));
        assertEquals(2, RedisMetricsReader.count(metrics, "lettuce", "GET", "error"));
    }

    @Test
    void aCommandObjectIsReadOnceAndKeepsItsSuccessSeries() {
        RedisOperations.Command get = operations.command(Command.GET);
        assertSame(get, operations.command(Command.GET));
        operations.record(get, 0, 1_000_000, true);
        assertNotNull(get.success(), "looked up on the first success");
        RedisOperations.Command hset = operations.command(Command.HSET);
        operations.record(hset, 0, 1_000_000, false);
        assertNull(hset.success(), "an error does not set the success series");
    }
}
