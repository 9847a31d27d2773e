package ai.claw.it.jvm;

import ai.claw.it.ForkedJvm;
import ai.claw.it.Http;
import ai.claw.it.Ports;
import ai.claw.it.Scrape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sample app under -javaagent: a known request sequence gives exact metric values. */
class SampleAppMetricsIT {

    static SampleApp app;
    static int metricsPort;

    @BeforeAll
    static void start() throws Exception {
        metricsPort = Ports.free();
        app = SampleApp.start("port=" + metricsPort, List.of(), Map.of());
        app.jvm.awaitHttp("http://127.0.0.1:" + metricsPort + "/-/healthy", Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.jvm.close();
        }
    }

    @Test
    void knownSequenceGivesExactCounts() throws Exception {
        String id = null;
        for (int i = 0; i < 5; i++) {
            Http.Response created = Http.post(app.url("/api/conversations"), "{\"title\":\"sequence " + i + "\"}");
            assertEquals(201, created.status(), created.text());
            Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"?([0-9a-zA-Z-]+)").matcher(created.text());
            assertTrue(m.find(), created.text());
            id = m.group(1);
        }
        assertEquals(200, Http.get(app.url("/api/conversations/" + id)).status());
        assertEquals(200, Http.get(app.url("/api/conversations/" + id + "?secret-token=abc123")).status());
        assertEquals(404, Http.get(app.url("/api/conversations/999999999")).status());
        assertEquals(404, Http.get(app.url("/definitely/not/here/42")).status());
        assertEquals(200, Http.post(app.url("/api/conversations/" + id + "/messages"), "{\"content\":\"hello there\"}").status());
        assertEquals(500, Http.post(app.url("/api/conversations/" + id + "/messages"), "{\"content\":\"/fail\"}").status());

        Scrape s = Scrape.of(metricsPort);
        s.assertValue(5, "claw_ai_http_requests_total", "method", "POST", "endpoint", "/api/conversations", "status", "201");
        s.assertValue(5, "claw_ai_http_request_duration_seconds_count", "method", "POST", "endpoint", "/api/conversations");
        s.assertValue(5, "claw_ai_http_response_size_bytes_count", "method", "POST", "endpoint", "/api/conversations");
        s.assertValue(2, "claw_ai_http_requests_total", "method", "GET", "endpoint", "/api/conversations/{id}", "status", "200");
        s.assertValue(1, "claw_ai_http_requests_total", "method", "GET", "endpoint", "/api/conversations/{id}", "status", "404");
        s.assertValue(1, "claw_ai_http_requests_total", "method", "GET", "endpoint", "NOT_FOUND", "status", "404");
        s.assertValue(1, "claw_ai_http_requests_total", "method", "POST", "endpoint", "/api/conversations/{id}/messages", "status", "200");
        s.assertValue(1, "claw_ai_http_requests_total", "method", "POST", "endpoint", "/api/conversations/{id}/messages", "status", "500");
        s.assertValue(0, "claw_ai_http_active_connections");
        assertFalse(s.text().contains("/error"), "the error dispatch is never a series");
        assertFalse(s.text().contains("secret-token"), "query strings never reach labels");
        assertFalse(s.text().contains("sequence "), "request bodies never reach labels");
        assertTrue(s.sum("claw_ai_http_response_size_bytes_sum", "endpoint", "/api/conversations") > 5 * 10);
    }

    @Test
    void exposesJvmAndAgentMetrics() {
        Scrape s = Scrape.of(metricsPort);
        assertNotNull(s.value("jvm_memory_used_bytes", "area", "heap"), "JVM metrics present");
        assertFalse(s.samples("jvm_threads_current").isEmpty());
        assertFalse(s.samples("process_cpu_seconds_total").isEmpty());
        assertEquals(1, s.samples("claw_ai_agent_info").size());
        assertEquals(1.0, s.samples("claw_ai_agent_info").get(0).value());
    }

    @Test
    void servesOpenMetricsByContentNegotiationAndHealth() throws Exception {
        Http.Response om = Http.get("http://127.0.0.1:" + metricsPort + "/metrics",
                "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertEquals(200, om.status());
        assertTrue(om.headers().get("content-type").get(0).startsWith("application/openmetrics-text"), om.headers().toString());
        assertTrue(om.text().trim().endsWith("# EOF"));
        assertTrue(om.text().contains("# TYPE claw_ai_http_requests counter"), "OpenMetrics names the counter family without _total");

        Http.Response text = Http.get("http://127.0.0.1:" + metricsPort + "/metrics");
        assertTrue(text.headers().get("content-type").get(0).startsWith("text/plain"));

        Http.Response healthy = Http.get("http://127.0.0.1:" + metricsPort + "/-/healthy");
        assertEquals(200, healthy.status());
    }

    @Test
    void theAgentSaysWhatItStartedInOneLine() {
        String out = app.jvm.output();
        assertTrue(out.contains("[claw-ai-agent] INFO started "), out);
        assertFalse(out.contains("[claw-ai-agent] WARN"), out);
        assertFalse(out.contains("[claw-ai-agent] ERROR"), out);
    }

    static ForkedJvm jvm() {
        return app.jvm;
    }
}
