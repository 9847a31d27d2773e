package ai.claw.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import io.lettuce.core.api.StatefulRedisConnection;
import redis.clients.jedis.JedisPooled;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/health}: {@code SELECT 1} on the pool, {@code PING} through Jedis and through
 * Lettuce. 200 when all answer, else 503; the body says which part is down.
 */
@RestController
public class HealthController {

    private final ConversationRepository repository;
    private final JedisPooled jedis;
    private final StatefulRedisConnection<String, String> lettuce;
    private final AppSettings settings;

    public HealthController(ConversationRepository repository, JedisPooled jedis,
                            StatefulRedisConnection<String, String> lettuce, AppSettings settings) {
        this.repository = repository;
        this.jedis = jedis;
        this.lettuce = lettuce;
        this.settings = settings;
    }

    @GetMapping("/api/health")
    public ResponseEntity<Map<String, Object>> health() {
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("status", check(repository::ping));
        db.put("database", settings.dbKind());
        db.put("pool", DatabaseConfig.POOL_NAME);

        String jedisStatus = check(jedis::ping);
        String lettuceStatus = check(() -> lettuce.sync().ping());
        Map<String, Object> redis = new LinkedHashMap<>();
        redis.put("status", jedisStatus.equals("UP") && lettuceStatus.equals("UP") ? "UP" : "DOWN");
        redis.put("embedded", settings.embeddedRedis());
        redis.put("jedis", jedisStatus);
        redis.put("lettuce", lettuceStatus);

        boolean up = db.get("status").equals("UP") && redis.get("status").equals("UP");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("db", db);
        body.put("redis", redis);
        return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    private static String check(Runnable probe) {
        try {
            probe.run();
            return "UP";
        } catch (RuntimeException e) {
            return "DOWN";
        }
    }
}
