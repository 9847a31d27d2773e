package ai.claw.agent.metrics;

import ai.claw.agent.config.AgentConfig;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsServerTest {

    private final String before = System.getProperty(MetricsServer.NO_DELAY);
    private HTTPServer server;

    @AfterEach
    void restore() {
        if (server != null) {
            server.close();
        }
        if (before == null) {
            System.clearProperty(MetricsServer.NO_DELAY);
        } else {
            System.setProperty(MetricsServer.NO_DELAY, before);
        }
    }

    private HTTPServer start() {
        AgentConfig config = AgentConfig.load("port=0,host=127.0.0.1", Collections.emptyMap(), Collections.emptyMap());
        AgentMetrics metrics = new AgentMetrics(100, "test");
        metrics.agentError("transform");
        server = MetricsServer.start(config, metrics.registry());
        assertNotNull(server);
        return server;
    }

    @Test
    void turnsOffNaglesAlgorithmAndServesAGzipScrape() throws Exception {
        System.clearProperty(MetricsServer.NO_DELAY);
        HTTPServer s = start();
        assertEquals("true", System.getProperty(MetricsServer.NO_DELAY));
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + s.getPort() + "/metrics").openConnection();
        c.setRequestProperty("Accept-Encoding", "gzip");
        assertEquals(200, c.getResponseCode());
        assertEquals("gzip", c.getContentEncoding());
        String body;
        try (InputStream in = new GZIPInputStream(c.getInputStream())) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(body.contains("claw_ai_agent_errors_total{kind=\"transform\"} 1.0"), body);
    }

    @Test
    void leavesTheSwitchAsTheJvmWasToldWhenSet() {
        System.setProperty(MetricsServer.NO_DELAY, "false");
        start();
        assertEquals("false", System.getProperty(MetricsServer.NO_DELAY));
    }
}
