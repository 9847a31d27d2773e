package ai.claw.bench.micro;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;

import java.util.concurrent.TimeUnit;

/**
 * One Jedis {@code GET} through the real client (command encoding, {@code Connection}, reply
 * parsing) against a {@link MemorySocket}, so no network time hides the agent's cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RedisBenchmark {

    private Jedis jedis;

    @Setup
    public void setup() throws Exception {
        AgentProbe.awaitReady();
        jedis = new Jedis(() -> new MemorySocket("$3\r\nbar\r\n"),
                DefaultJedisClientConfig.builder().clientSetInfoConfig(ClientSetInfoConfig.DISABLED).build());
        for (int i = 0; i < 1000; i++) {
            get();
        }
        AgentProbe.requireSeries("claw_ai_redis_operation_duration_seconds_count{",
                "client=\"jedis\"", "command=\"GET\"", "outcome=\"success\"");
    }

    @Benchmark
    public String get() {
        return jedis.get("foo");
    }
}
