package ai.claw.agent.instrumentation.servlet;

import ai.claw.agent.metrics.AgentMetrics;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The per-route series cache changes nothing of what is recorded. */
class HttpRecorderTest {

    /** Above {@link HttpRecorder#ROUTES_LIMIT}, so no endpoint here is folded into OTHER. */
    private final AgentMetrics metrics = new AgentMetrics(5000, "test");
    private final HttpRecorder recorder = new HttpRecorder(metrics);

    private void request(String method, String uri, int status) {
        recorder.started();
        recorder.finished(System.nanoTime() - 1_000_000, method, uri, null, status, null);
    }

    @Test
    void everyRequestCountsWithItsOwnLabels() {
        for (int i = 0; i < 5; i++) {
            request("GET", "/hello", 200);
        }
        request("GET", "/hello", 500);
        request("POST", "/hello", 200);
        request("BREW", "/hello", 200);
        assertEquals(5, requests("GET", "/hello", "200"));
        assertEquals(1, requests("GET", "/hello", "500"));
        assertEquals(1, requests("POST", "/hello", "200"));
        assertEquals(1, requests("OTHER", "/hello", "200"));
        assertEquals(6, durations("GET", "/hello"));
    }

    @Test
    void statusesBeyondTheRoutesOwnFewAreStillCounted() {
        for (int status = 200; status < 230; status++) {
            request("GET", "/many", status);
            request("GET", "/many", status);
        }
        for (int status = 200; status < 230; status++) {
            assertEquals(2, requests("GET", "/many", Integer.toString(status)), "status " + status);
        }
        assertEquals(60, durations("GET", "/many"));
    }

    @Test
    void aRouteIsLookedUpOnceAndEndpointsPastTheLimitStillRecord() {
        assertSame(recorder.route(0, "/a"), recorder.route(0, "/a"));
        for (int i = 0; i < HttpRecorder.ROUTES_LIMIT + 10; i++) {
            request("GET", "/r" + i, 200);
        }
        request("GET", "/r" + (HttpRecorder.ROUTES_LIMIT + 5), 200);
        assertEquals(2, requests("GET", "/r" + (HttpRecorder.ROUTES_LIMIT + 5), "200"));
        assertEquals(1, requests("GET", "/r0", "200"));
    }

    private long requests(String method, String endpoint, String status) {
        for (MetricSnapshot snapshot : metrics.registry().scrape()) {
            if (snapshot instanceof CounterSnapshot && snapshot.getMetadata().getPrometheusName().equals("claw_ai_http_requests")) {
                for (CounterSnapshot.CounterDataPointSnapshot p : ((CounterSnapshot) snapshot).getDataPoints()) {
                    if (method.equals(p.getLabels().get("method")) && endpoint.equals(p.getLabels().get("endpoint"))
                            && status.equals(p.getLabels().get("status"))) {
                        return (long) p.getValue();
                    }
                }
            }
        }
        return 0;
    }

    private long durations(String method, String endpoint) {
        for (MetricSnapshot snapshot : metrics.registry().scrape()) {
            if (snapshot.getMetadata().getPrometheusName().equals("claw_ai_http_request_duration_seconds")) {
                for (HistogramSnapshot.HistogramDataPointSnapshot p : ((HistogramSnapshot) snapshot).getDataPoints()) {
                    if (method.equals(p.getLabels().get("method")) && endpoint.equals(p.getLabels().get("endpoint"))) {
                        return p.getCount();
                    }
                }
            }
        }
        return 0;
    }
}
