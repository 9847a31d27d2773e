package ai.claw.agent.instrumentation.servlet;

import ai.claw.agent.bootstrap.HttpFacade;
import ai.claw.agent.metrics.AgentMetrics;
import ai.claw.agent.metrics.BoundedSeries;
import ai.claw.agent.metrics.ClawMetric;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Turns finished servlet requests into {@code claw_ai_http_*} metrics. */
public final class HttpRecorder implements HttpFacade.Sink {

    private static final Map<String, String> METHODS = new HashMap<>();
    private static final String[] STATUS = new String[600];

    static {
        for (String m : new String[] {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"}) {
            METHODS.put(m, m);
        }
        for (int i = 0; i < STATUS.length; i++) {
            STATUS[i] = Integer.toString(i);
        }
    }

    private static HttpRecorder installed;

    private final AgentMetrics metrics;
    /** A LongAdder, not an AtomicLong: every request changes it twice, from every request thread. */
    private final LongAdder inFlight = new LongAdder();
    private final BoundedSeries<CounterDataPoint> requests;
    private final BoundedSeries<DistributionDataPoint> durations;
    private final BoundedSeries<DistributionDataPoint> sizes;
    private final EndpointNormalizer endpoints = new EndpointNormalizer();

    HttpRecorder(AgentMetrics metrics) {
        this.metrics = metrics;
        requests = metrics.counter(ClawMetric.HTTP_REQUESTS);
        durations = metrics.histogram(ClawMetric.HTTP_REQUEST_DURATION);
        sizes = metrics.histogram(ClawMetric.HTTP_RESPONSE_SIZE);
        metrics.gauge(ClawMetric.HTTP_ACTIVE_CONNECTIONS, callback -> callback.call(inFlight.sum()));
    }

    /** One recorder per registry, shared by the javax and jakarta instrumentations. */
    static synchronized void install(AgentMetrics metrics) {
        if (installed == null || installed.metrics != metrics) {
            installed = new HttpRecorder(metrics);
            HttpFacade.install(installed);
        }
    }

    @Override
    public void started() {
        inFlight.increment();
    }

    @Override
    public void finished(long startNanos, String method, String uri, Object route, int status, Object response) {
        long elapsed = System.nanoTime() - startNanos;
        inFlight.decrement();
        String m = method(method);
        String endpoint = endpoints.endpoint(route, uri, status);
        requests.get(m, endpoint, status(status)).inc();
        durations.get(m, endpoint).observe(elapsed / 1e9);
        long bytes = ResponseSizes.bytesWritten(response);
        if (bytes >= 0) {
            sizes.get(m, endpoint).observe(bytes);
        }
    }

    @Override
    public Object asyncListener(Class<?> listenerType, long startNanos, String method, String uri, Object route, Object response) {
        return AsyncCompletion.listener(this, listenerType, startNanos, method, uri, route, response);
    }

    /** Standard methods as they are; anything a client invents is {@code OTHER}. */
    static String method(String method) {
        String known = method == null ? null : METHODS.get(method);
        return known != null ? known : BoundedSeries.OTHER;
    }

    static String status(int status) {
        return status >= 0 && status < STATUS.length ? STATUS[status] : Integer.toString(status);
    }
}
