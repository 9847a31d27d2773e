package ai.claw.agent.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedSeriesTest {

    @Test
    void pastTheLimitNewSetsFoldIntoOtherKeepingBoundedLabels() throws Exception {
        AgentMetrics metrics = new AgentMetrics(3, "test");
        BoundedSeries<CounterDataPoint> requests = metrics.counter(ClawMetric.HTTP_REQUESTS);
        for (int i = 0; i < 10; i++) {
            requests.get("GET", "/e" + i, "200").inc();
        }
        requests.get("POST", "/e9", "500").inc();
        requests.get("GET", "/e0", "200").inc(); // existing set: not folded

        String text = scrape(metrics);
        assertTrue(text.contains("claw_ai_http_requests_total{endpoint=\"/e0\",method=\"GET\",status=\"200\"} 2"), text);
        assertTrue(text.contains("claw_ai_http_requests_total{endpoint=\"OTHER\",method=\"GET\",status=\"200\"} 7"), text);
        assertTrue(text.contains("claw_ai_http_requests_total{endpoint=\"OTHER\",method=\"POST\",status=\"500\"} 1"), text);
        assertTrue(text.contains("claw_ai_agent_cardinality_folded_total{metric=\"claw_ai_http_requests_total\"} 8"), text);
        assertEquals(5, requests.size());
    }

    @Test
    void existingSetIsTheSameDataPointAndNullBecomesEmpty() {
        AgentMetrics metrics = new AgentMetrics(10, "test");
        BoundedSeries<DistributionDataPoint> db = metrics.histogram(ClawMetric.DB_OPERATION_DURATION);
        assertSame(db.get("h2", "SELECT", "users", "success"), db.get("h2", "SELECT", new String("users"), "success"));
        assertSame(db.get("h2", "OTHER", null, "success"), db.get("h2", "OTHER", "", "success"));
    }

    @Test
    void recordingAnExistingSetAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        AgentMetrics metrics = new AgentMetrics(100, "test");
        BoundedSeries<CounterDataPoint> requests = metrics.counter(ClawMetric.HTTP_REQUESTS);
        String method = "GET";
        String endpoint = "/api/conversations/{id}";
        String status = "200";
        for (int i = 0; i < 200_000; i++) { // warm up so the JIT has compiled the path
            requests.get(method, endpoint, status).inc();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            requests.get(method, endpoint, status).inc();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // The measurement itself may allocate a few bytes; 100k recordings must not allocate per call.
        assertTrue(allocated < 1024, allocated + " bytes for 100k recordings");
    }

    static String scrape(AgentMetrics metrics) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape());
        return out.toString(StandardCharsets.UTF_8.name());
    }
}
