package ai.claw.it.redis;

import ai.claw.it.LocalServices;

import java.net.URI;

/**
 * The Redis the shared tests connect to: the local server ({@link LocalServices#REDIS_URI}) unless
 * the system property {@value #PROPERTY} names another one. A Testcontainers variant sets it to
 * its container ({@link #use}) before the shared {@code @BeforeAll} runs and clears it
 * ({@link #useLocal}) after its class, so the local-server classes in the same JVM are unaffected.
 */
public final class RedisEndpoint {

    public static final String PROPERTY = "claw.it.redis.uri";

    private RedisEndpoint() {
    }

    public static String uri() {
        return System.getProperty(PROPERTY, LocalServices.REDIS_URI);
    }

    public static String host() {
        return URI.create(uri()).getHost();
    }

    public static int port() {
        return URI.create(uri()).getPort();
    }

    /** The local server must be reachable ({@link LocalServices#requireRedis()}) unless another Redis was named. */
    public static void require() {
        if (System.getProperty(PROPERTY) == null) {
            LocalServices.requireRedis();
        }
    }

    public static void use(String host, int port) {
        System.setProperty(PROPERTY, "redis://" + host + ":" + port);
    }

    public static void useLocal() {
        System.clearProperty(PROPERTY);
    }
}
