package ai.claw.it.http;

import ai.claw.it.Scrape;
import ai.claw.it.Waits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The {@code claw_ai_http_*} series and exact assertions on how they grow between two scrapes. */
public final class HttpSeries {

    public static final String REQUESTS = "claw_ai_http_requests_total";
    public static final String DURATION_COUNT = "claw_ai_http_request_duration_seconds_count";
    public static final String DURATION_SUM = "claw_ai_http_request_duration_seconds_sum";
    public static final String SIZE_COUNT = "claw_ai_http_response_size_bytes_count";
    public static final String SIZE_SUM = "claw_ai_http_response_size_bytes_sum";
    public static final String ACTIVE = "claw_ai_http_active_connections";

    private final Scrape before;
    private final List<Object[]> expected = new ArrayList<>();

    private HttpSeries(Scrape before) {
        this.before = before;
    }

    /**
     * Waits until this JVM's agent answers a scrape. The agent starts on a background thread and
     * opens its port last, so an answer means its instrumentation is installed.
     */
    public static void awaitAgent() {
        Waits.until(Duration.ofSeconds(60), "the agent's metrics port", () -> Scrape.own() != null);
    }

    /** Expectations on growth since {@code before} (a scrape of this JVM's agent). */
    public static HttpSeries since(Scrape before) {
        return new HttpSeries(before);
    }

    /** The series with exactly these labels grows by exactly {@code value} (0: stays as it was, or absent). */
    public HttpSeries grows(double value, String name, String... labels) {
        expected.add(new Object[] {value, name, labels});
        return this;
    }

    /**
     * Scrapes until every expectation holds, for at most 5 s, and returns that scrape. A request
     * is recorded when the container is done with it, which can be just after the client has its
     * response; a series that grows too much fails too (after the wait).
     */
    public Scrape settle() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            Scrape now = Scrape.own();
            String mismatch = mismatch(now);
            if (mismatch == null) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                fail(mismatch);
            }
            Waits.sleep(25);
        }
    }

    /** Sum of a series' growth since {@code before}. */
    public static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.valueOrZero(name, labels) - before.valueOrZero(name, labels);
    }

    /** No {@code claw_ai_http_*} series carries this endpoint label. */
    public static void assertNoEndpoint(Scrape scrape, String endpoint) {
        List<String> found = scrape.samples().stream()
                .filter(s -> s.name().startsWith("claw_ai_http_") && endpoint.equals(s.label("endpoint")))
                .map(s -> s.name() + s.labels())
                .collect(Collectors.toList());
        assertTrue(found.isEmpty(), "series with endpoint " + endpoint + ": " + found);
    }

    /** Waits until no request is in flight, then asserts the gauge is exactly 0. */
    public static void assertNothingInFlight() {
        Waits.until(Duration.ofSeconds(5), "no request in flight", () -> Scrape.own().value(ACTIVE) == 0);
        Scrape.own().assertValue(0, ACTIVE);
    }

    private String mismatch(Scrape now) {
        for (Object[] e : expected) {
            double value = (Double) e[0];
            String name = (String) e[1];
            String[] labels = (String[]) e[2];
            double delta = delta(before, now, name, labels);
            if (Math.abs(delta - value) > 1e-9) {
                return name + List.of(labels) + " grew by " + delta + ", expected " + value
                        + "; series of that name:\n" + now.describe(name);
            }
        }
        return null;
    }
}
