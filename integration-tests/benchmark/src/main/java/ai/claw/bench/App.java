package ai.claw.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An application of the macro runs: how to start it and which endpoint wrk loads. */
enum App {
    /** {@link HelloApp}: a trivial servlet, the worst case for relative overhead. */
    HELLO("hello", "minimal Tomcat 10.1 app, GET /hello", "/hello"),
    /**
     * The sample app (Spring Boot, HikariCP + H2, Jedis and Lettuce on an embedded Redis-protocol
     * server); {@code GET /api/health} runs one JDBC query and a PING on each Redis client.
     */
    SAMPLE("sample", "sample app (Spring Boot), GET /api/health: 1 SQL query + 2 Redis PINGs", "/api/health");

    final String id;
    final String description;
    final String path;

    App(String id, String description, String path) {
        this.id = id;
        this.description = description;
        this.path = path;
    }

    static App of(String id) {
        for (App a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException(id);
    }

    /** The arguments after {@code java <agent flags>}. */
    List<String> command(Settings settings, int port) {
        if (this == HELLO) {
            return new ArrayList<>(Arrays.asList("-cp", Settings.ownClasspath(), HelloApp.class.getName(), Integer.toString(port)));
        }
        Path jar = settings.sampleJar;
        return new ArrayList<>(Arrays.asList("-jar", jar.toString(), "--port", Integer.toString(port)));
    }
}
