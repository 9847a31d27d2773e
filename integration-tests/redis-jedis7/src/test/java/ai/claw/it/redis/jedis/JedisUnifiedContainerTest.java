package ai.claw.it.redis.jedis;

import ai.claw.it.redis.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The shared {@link JedisUnifiedTest} ({@code JedisPooled}), unchanged, against a Redis
 * container; skipped as a whole when no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class JedisUnifiedContainerTest extends JedisUnifiedTest {

    @Container
    static final GenericContainer<?> REDIS = new GenericContainer<>(DockerImageName.parse("redis:7.2-alpine"))
            .withExposedPorts(6379);

    /** Hides {@link JedisUnifiedTest#redisAndAgent()}: points the shared code at the container first. */
    @BeforeAll
    static void redisAndAgent() {
        RedisEndpoint.use(REDIS.getHost(), REDIS.getMappedPort(6379));
        JedisUnifiedTest.redisAndAgent();
    }

    @AfterAll
    static void localAgain() {
        RedisEndpoint.useLocal();
    }
}
