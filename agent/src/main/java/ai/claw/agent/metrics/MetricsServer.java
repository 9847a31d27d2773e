package ai.claw.agent.metrics;

import ai.claw.agent.AgentLog;
import ai.claw.agent.config.AgentConfig;
import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The side port: {@code /metrics} (Prometheus text or OpenMetrics, by the Accept header) and
 * {@code /-/healthy}, on the client_java HTTP server, optionally behind basic auth; nothing else.
 */
public final class MetricsServer {

    /** The JDK HTTP server's switch for {@code TCP_NODELAY} on the connections it accepts. */
    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private MetricsServer() {
    }

    /**
     * Starts the server, or logs one line and returns null when it cannot (port taken, ...).
     *
     * <p>Turns on {@code TCP_NODELAY} for the JDK's HTTP server unless the JVM was told otherwise.
     * A gzip scrape is written as small chunks after the headers; with Nagle's algorithm on, the
     * last of them waits for the scraper's delayed ACK, 40 ms on Linux: a scrape of 10,000 series
     * took 48 ms with it, 11 ms without. The switch is read once, when the JDK's server is first
     * used in the JVM, and applies to every such server in it, the application's included (where
     * it only sends small responses sooner); client_java sets its own two properties of that
     * server the same way.
     */
    public static HTTPServer start(AgentConfig config, PrometheusRegistry registry) {
        try {
            if (System.getProperty(NO_DELAY) == null) {
                System.setProperty(NO_DELAY, "true");
            }
            HTTPServer.Builder builder = HTTPServer.builder()
                    .hostname(config.host())
                    .port(config.port())
                    .registry(registry)
                    .defaultHandler(MetricsServer::notFound);
            if (config.authUsername() != null) {
                builder.authenticator(new ConstantTimeBasicAuth(config.authUsername(), config.authPassword()));
            }
            HTTPServer server = builder.buildAndStart();
            AgentLog.info("metrics on http://" + config.host() + ":" + server.getPort() + "/metrics"
                    + (config.authUsername() != null ? " (basic auth)" : ""));
            return server;
        } catch (IOException | RuntimeException e) {
            AgentLog.warn("cannot serve metrics on " + config.host() + ":" + config.port() + " (" + e
                    + "); the application runs on without the metrics endpoint. Set port=<free port> to fix.");
            return null;
        }
    }

    /**
     * Every path but {@code /metrics} and {@code /-/healthy}: a bare 404, where client_java would
     * answer any path with its HTML help page.
     */
    static void notFound(HttpExchange exchange) throws IOException {
        try {
            exchange.sendResponseHeaders(404, -1);
        } finally {
            exchange.close();
        }
    }

    /** Basic auth comparing digests, so the time taken does not reveal how much of a guess matched. */
    static final class ConstantTimeBasicAuth extends BasicAuthenticator {
        private final byte[] user;
        private final byte[] password;

        ConstantTimeBasicAuth(String user, String password) {
            super("claw-ai-agent");
            this.user = digest(user);
            this.password = digest(password);
        }

        @Override
        public boolean checkCredentials(String givenUser, String givenPassword) {
            boolean userOk = MessageDigest.isEqual(user, digest(givenUser));
            boolean passwordOk = MessageDigest.isEqual(password, digest(givenPassword));
            return userOk & passwordOk;
        }

        private static byte[] digest(String s) {
            try {
                return MessageDigest.getInstance("SHA-256").digest((s == null ? "" : s).getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
