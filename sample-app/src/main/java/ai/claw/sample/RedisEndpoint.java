package ai.claw.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;

import com.github.fppt.jedismock.RedisServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where Redis is: the URL given, or else an embedded Redis-protocol server (jedis-mock, a real
 * RESP server written in Java) on a free loopback port, stopped on {@link #close()}.
 */
final class RedisEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisEndpoint.class);

    private final URI uri;
    private final RedisServer embedded;

    private RedisEndpoint(URI uri, RedisServer embedded) {
        this.uri = uri;
        this.embedded = embedded;
    }

    static RedisEndpoint of(AppSettings settings) throws IOException {
        if (!settings.embeddedRedis()) {
            return new RedisEndpoint(URI.create(settings.redisUrl()), null);
        }
        RedisServer server = RedisServer.newRedisServer(0, InetAddress.getLoopbackAddress()).start();
        URI uri = URI.create("redis://127.0.0.1:" + server.getBindPort());
        log.info("Started an embedded Redis-protocol server on {}", uri);
        return new RedisEndpoint(uri, server);
    }

    URI uri() {
        return uri;
    }

    boolean embedded() {
        return embedded != null;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.stop();
        }
    }
}
