package ai.claw.it.redis.lettuce;

import ai.claw.it.redis.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The shared {@link LettuceTest}, unchanged, against a Redis container; skipped as a whole when
 * no Docker engine is available. Keys are unique and assertions are deltas, so it may run in the
 * same JVM as the local-server class.
 */
@Testcontainers(disabledWithoutDocker = true)
class LettuceContainerTest extends LettuceTest {

    @Container
    static final GenericContainer<?> REDIS = new GenericContainer<>(DockerImageName.parse("redis:7.2-alpine"))
            .withExposedPorts(6379);

    /** Hides {@link LettuceTest#connect()}: points the shared code at the container first. */
    @BeforeAll
    static void connect() {
        RedisEndpoint.use(REDIS.getHost(), REDIS.getMappedPort(6379));
        LettuceTest.connect();
    }

    /** Runs before the inherited {@link LettuceTest#close()}, which needs no endpoint. */
    @AfterAll
    static void localAgain() {
        RedisEndpoint.useLocal();
    }
}
