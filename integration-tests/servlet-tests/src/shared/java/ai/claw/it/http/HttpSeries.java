package ai.claw.it.http;

import ai.claw.it.Scrape;
import ai.claw.it.Waits;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code claw_ai_http_*} series and checks specific to them; exact growth between two scrapes
 * is {@link ai.claw.it.Growth}.
 */
public final class HttpSeries {

    public static final String REQUESTS = "claw_ai_http_requests_total";
    public static final String DURATION_COUNT = "claw_ai_http_request_duration_seconds_count";
    public static final String DURATION_SUM = "claw_ai_http_request_duration_seconds_sum";
    public static final String SIZE_COUNT = "claw_ai_http_response_size_bytes_count";
    public static final String SIZE_SUM = "claw_ai_http_response_size_bytes_sum";
    public static final String ACTIVE = "claw_ai_http_active_connections";

    private HttpSeries() {
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
}
