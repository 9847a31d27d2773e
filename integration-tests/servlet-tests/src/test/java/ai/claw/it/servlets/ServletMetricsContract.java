package ai.claw.it.servlets;

import ai.claw.it.Http;
import ai.claw.it.Scrape;
import ai.claw.it.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import static ai.claw.it.Growth.delta;
import static ai.claw.it.Growth.since;
import static ai.claw.it.http.HttpSeries.ACTIVE;
import static ai.claw.it.http.HttpSeries.DURATION_COUNT;
import static ai.claw.it.http.HttpSeries.DURATION_SUM;
import static ai.claw.it.http.HttpSeries.REQUESTS;
import static ai.claw.it.http.HttpSeries.SIZE_COUNT;
import static ai.claw.it.http.HttpSeries.SIZE_SUM;
import static ai.claw.it.http.HttpSeries.assertNoEndpoint;
import static ai.claw.it.http.HttpSeries.assertNothingInFlight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every servlet container must show under the agent, serving {@link Routes}: the exact
 * {@code claw_ai_http_*} series for a known request sequence, and the application's answers
 * unchanged. A subclass starts the container in this JVM (the surefire JVM runs with the agent).
 * Shared as a source folder by the tomcat9/10/11 and jetty12 modules; every test compares
 * scrapes before and after, so test order does not matter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServletMetricsContract {

    private int port;

    /** Starts the container serving {@link Routes} on 127.0.0.1 and returns its port. */
    protected abstract int start() throws Exception;

    protected abstract void stop() throws Exception;

    @BeforeAll
    void startContainer() throws Exception {
        Scrape.awaitOwnAgent();
        port = start();
    }

    @AfterAll
    void stopContainer() throws Exception {
        stop();
    }

    @Test
    void getIsCountedTimedAndSizedOncePerRequest() throws Exception {
        Scrape before = Scrape.own();
        for (int i = 0; i < 5; i++) {
            Http.Response r = Http.get(url("/hello"));
            assertBody(200, "hello", r);
            assertContentType("text/plain;charset=utf-8", r);
            assertEquals(List.of("outer", "inner"), r.headers().get("X-Filters"), "both filters ran, in order");
        }
        Scrape after = since(before)
                .grows(5, REQUESTS, "method", "GET", "endpoint", "/hello", "status", "200")
                .grows(5, DURATION_COUNT, "method", "GET", "endpoint", "/hello")
                .grows(5, SIZE_COUNT, "method", "GET", "endpoint", "/hello")
                .grows(25, SIZE_SUM, "method", "GET", "endpoint", "/hello")
                .settle();
        assertTrue(delta(before, after, DURATION_SUM, "method", "GET", "endpoint", "/hello") > 0);
    }

    @Test
    void idSegmentsFoldIntoOneEndpoint() throws Exception {
        Scrape before = Scrape.own();
        assertBody(200, "user 123", Http.get(url("/users/123")));
        assertBody(200, "user 456", Http.get(url("/users/456")));
        Scrape after = since(before)
                .grows(2, REQUESTS, "method", "GET", "endpoint", "/users/{id}", "status", "200")
                .grows(2, DURATION_COUNT, "method", "GET", "endpoint", "/users/{id}")
                .grows(2, SIZE_COUNT, "method", "GET", "endpoint", "/users/{id}")
                .grows(16, SIZE_SUM, "method", "GET", "endpoint", "/users/{id}")
                .settle();
        assertNoEndpoint(after, "/users/123");
        assertNoEndpoint(after, "/users/456");
    }

    @Test
    void wildcardMappingIsNoTemplateSoThePathIsNormalised() throws Exception {
        Scrape before = Scrape.own();
        assertBody(200, "item 42", Http.get(url("/items/42")));
        Scrape after = since(before)
                .grows(1, REQUESTS, "method", "GET", "endpoint", "/items/{id}", "status", "200")
                .grows(1, SIZE_COUNT, "method", "GET", "endpoint", "/items/{id}")
                .grows(7, SIZE_SUM, "method", "GET", "endpoint", "/items/{id}")
                .settle();
        assertNoEndpoint(after, "/items/*");
        assertNoEndpoint(after, "/items/42");
    }

    @Test
    void uncaughtExceptionIsOne500AndTheErrorPageDispatchIsNotCounted() throws Exception {
        Scrape before = Scrape.own();
        Http.Response r = Http.get(url("/fail"));
        // The error page shows what the container caught: the application's own exception, untouched.
        assertBody(500, "error-page 500 /fail java.lang.IllegalStateException: " + FailServlet.MESSAGE, r);
        // Sizes are bytes the application wrote: none here, the error page's body is the container's.
        Scrape after = since(before)
                .grows(1, REQUESTS, "method", "GET", "endpoint", "/fail", "status", "500")
                .grows(1, DURATION_COUNT, "method", "GET", "endpoint", "/fail")
                .grows(1, SIZE_COUNT, "method", "GET", "endpoint", "/fail")
                .grows(0, SIZE_SUM, "method", "GET", "endpoint", "/fail")
                .settle();
        assertEquals(1, after.sum(REQUESTS, "endpoint", "/fail") - before.sum(REQUESTS, "endpoint", "/fail"),
                "one request, one series:\n" + after.describe(REQUESTS));
        assertNoEndpoint(after, Routes.ERROR_PAGE);
    }

    @Test
    void unmappedPathIsNotFound() throws Exception {
        Scrape before = Scrape.own();
        assertEquals(404, Http.get(url("/nope")).status());
        Scrape after = since(before)
                .grows(1, REQUESTS, "method", "GET", "endpoint", "NOT_FOUND", "status", "404")
                .grows(1, DURATION_COUNT, "method", "GET", "endpoint", "NOT_FOUND")
                .settle();
        assertNoEndpoint(after, "/nope");
    }

    @Test
    void explicitSendError404IsNotFound() throws Exception {
        Scrape before = Scrape.own();
        assertEquals(404, Http.get(url("/notfound-explicit")).status());
        Scrape after = since(before)
                .grows(1, REQUESTS, "method", "GET", "endpoint", "NOT_FOUND", "status", "404")
                .settle();
        assertNoEndpoint(after, "/notfound-explicit");
    }

    @Test
    void asyncRequestIsTimedToCompletion() throws Exception {
        Scrape before = Scrape.own();
        Http.Response r = Http.get(url("/async"));
        assertBody(200, AsyncServlet.BODY, r);
        assertContentType("text/plain;charset=utf-8", r);
        Scrape after = since(before)
                .grows(1, REQUESTS, "method", "GET", "endpoint", "/async", "status", "200")
                .grows(1, DURATION_COUNT, "method", "GET", "endpoint", "/async")
                .grows(1, SIZE_COUNT, "method", "GET", "endpoint", "/async")
                .grows(AsyncServlet.BODY.length(), SIZE_SUM, "method", "GET", "endpoint", "/async")
                .settle();
        double seconds = delta(before, after, DURATION_SUM, "method", "GET", "endpoint", "/async");
        assertTrue(seconds >= AsyncServlet.DELAY_MILLIS / 1000.0, "timed to completion, not to startAsync: " + seconds);
    }

    @Test
    void postIsCountedWithItsStatus() throws Exception {
        Scrape before = Scrape.own();
        Http.Response r = Http.post(url("/created"), "{\"name\":\"x\"}");
        assertBody(201, CreatedServlet.BODY, r);
        assertEquals(List.of("/created/1"), r.headers().get("Location"));
        assertContentType("application/json", r);
        since(before)
                .grows(1, REQUESTS, "method", "POST", "endpoint", "/created", "status", "201")
                .grows(1, SIZE_COUNT, "method", "POST", "endpoint", "/created")
                .grows(CreatedServlet.BODY.length(), SIZE_SUM, "method", "POST", "endpoint", "/created")
                .settle();
    }

    @Test
    void forwardIsCountedOnceUnderTheRequestedPath() throws Exception {
        Scrape before = Scrape.own();
        assertBody(200, "hello", Http.get(url("/forward")));
        since(before)
                .grows(1, REQUESTS, "method", "GET", "endpoint", "/forward", "status", "200")
                .grows(5, SIZE_SUM, "method", "GET", "endpoint", "/forward")
                .grows(0, REQUESTS, "method", "GET", "endpoint", "/hello", "status", "200")
                .settle();
    }

    @Test
    void queryStringNeverReachesALabel() throws Exception {
        Scrape before = Scrape.own();
        assertBody(200, "hello", Http.get(url("/hello?access_token=secret")));
        Scrape after = since(before)
                .grows(1, REQUESTS, "method", "GET", "endpoint", "/hello", "status", "200")
                .settle();
        assertFalse(after.text().contains("secret"), "query string leaked into the scrape");
        assertFalse(after.text().contains("access_token"), "query string leaked into the scrape");
    }

    @Test
    void activeConnectionsCountInFlightRequestsAndReturnToZero() throws Exception {
        Scrape before = Scrape.own();
        List<CompletableFuture<Http.Response>> inFlight = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            inFlight.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return Http.get(url("/async"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        Waits.until(Duration.ofSeconds(5), "three async requests in flight", () -> Scrape.own().value(ACTIVE) >= 3);
        for (CompletableFuture<Http.Response> f : inFlight) {
            assertBody(200, AsyncServlet.BODY, f.get());
        }
        assertBody(200, "hello", Http.get(url("/hello")));
        assertEquals(500, Http.get(url("/fail")).status());
        assertEquals(404, Http.get(url("/nope")).status());
        since(before)
                .grows(3, REQUESTS, "method", "GET", "endpoint", "/async", "status", "200")
                .grows(1, REQUESTS, "method", "GET", "endpoint", "/fail", "status", "500")
                .settle();
        assertNothingInFlight();
    }

    // ---- helpers

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    static void assertBody(int status, String body, Http.Response r) {
        assertEquals(status, r.status(), () -> "status; body was: " + r.text());
        assertEquals(body, r.text());
    }

    /** Containers differ in spacing and charset case only. */
    static void assertContentType(String expected, Http.Response r) {
        List<String> values = r.headers().get("Content-Type");
        assertEquals(1, values == null ? 0 : values.size(), "one Content-Type: " + values);
        assertEquals(expected, values.get(0).replace(" ", "").toLowerCase(Locale.ROOT));
    }
}
