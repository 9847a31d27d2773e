package ai.claw.agent.instrumentation.servlet;

import ai.claw.agent.bootstrap.HttpFacade;
import ai.claw.agent.metrics.AgentMetrics;
import ai.claw.agent.metrics.BoundedSeries;
import ai.claw.agent.metrics.ClawMetric;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns finished servlet requests into {@code claw_ai_http_*} metrics. The series of each
 * endpoint and method are looked up once and kept in a {@link Route}, so a request records with
 * one map lookup by its endpoint instead of three label-set lookups.
 */
public final class HttpRecorder implements HttpFacade.Sink {

    /** The standard methods; anything else a client sends is the last, {@code OTHER}. */
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
        BoundedSeries.OTHER};
    private static final Map<String, Integer> METHOD_INDEX = new HashMap<>();
    private static final String[] STATUS = new String[600];
    /** Endpoints whose routes are kept; past this, requests look their series up each time. */
    static final int ROUTES_LIMIT = 1024;

    static {
        for (int i = 0; i < METHODS.length - 1; i++) {
            METHOD_INDEX.put(METHODS[i], i);
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
    /** Per endpoint, its routes by method index. */
    private final ConcurrentHashMap<String, Route[]> routes = new ConcurrentHashMap<>();

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
        Route r = route(methodIndex(method), endpoints.endpoint(route, uri, status));
        r.requests(status).inc();
        r.duration.observe(elapsed / 1e9);
        long bytes = ResponseSizes.bytesWritten(response);
        if (bytes >= 0) {
            r.size.observe(bytes);
        }
    }

    Route route(int method, String endpoint) {
        Route[] byMethod = routes.get(endpoint);
        if (byMethod == null) {
            if (routes.size() >= ROUTES_LIMIT) {
                return new Route(this, METHODS[method], endpoint);
            }
            Route[] created = new Route[METHODS.length];
            byMethod = routes.putIfAbsent(endpoint, created);
            if (byMethod == null) {
                byMethod = created;
            }
        }
        Route r = byMethod[method];
        if (r == null) {
            // Racing threads may each store one: both hold the same series.
            r = new Route(this, METHODS[method], endpoint);
            byMethod[method] = r;
        }
        return r;
    }

    /**
     * The series of one method and endpoint, with the request counters of the first few statuses
     * it answered with. Final fields, so a thread that finds a route sees it whole.
     */
    static final class Route {
        private static final int STATUSES = 8;

        private final HttpRecorder recorder;
        private final String method;
        private final String endpoint;
        final DistributionDataPoint duration;
        final DistributionDataPoint size;
        /** Copied on write: a status is added once, and read on every request. */
        private volatile Status[] statuses = new Status[0];

        Route(HttpRecorder recorder, String method, String endpoint) {
            this.recorder = recorder;
            this.method = method;
            this.endpoint = endpoint;
            this.duration = recorder.durations.get(method, endpoint);
            this.size = recorder.sizes.get(method, endpoint);
        }

        CounterDataPoint requests(int status) {
            Status[] known = statuses;
            for (Status s : known) {
                if (s.code == status) {
                    return s.counter;
                }
            }
            CounterDataPoint counter = recorder.requests.get(method, endpoint, status(status));
            if (known.length < STATUSES) {
                remember(new Status(status, counter));
            }
            return counter;
        }

        private synchronized void remember(Status status) {
            Status[] known = statuses;
            for (Status s : known) {
                if (s.code == status.code) {
                    return;
                }
            }
            if (known.length < STATUSES) {
                Status[] grown = Arrays.copyOf(known, known.length + 1);
                grown[known.length] = status;
                statuses = grown;
            }
        }
    }

    private static final class Status {
        final int code;
        final CounterDataPoint counter;

        Status(int code, CounterDataPoint counter) {
            this.code = code;
            this.counter = counter;
        }
    }

    @Override
    public Object asyncListener(Class<?> listenerType, long startNanos, String method, String uri, Object route, Object response) {
        return AsyncCompletion.listener(this, listenerType, startNanos, method, uri, route, response);
    }

    /** The index of a standard method in {@link #METHODS}; anything a client invents is {@code OTHER}'s. */
    static int methodIndex(String method) {
        Integer known = method == null ? null : METHOD_INDEX.get(method);
        return known != null ? known : METHODS.length - 1;
    }

    static String status(int status) {
        return status >= 0 && status < STATUS.length ? STATUS[status] : Integer.toString(status);
    }
}
