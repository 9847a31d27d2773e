package ai.claw.it.boot3;

import ai.claw.it.Http;
import ai.claw.it.Scrape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;

import static ai.claw.it.Growth.delta;
import static ai.claw.it.Growth.since;
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
 * Spring Boot 3 (embedded Tomcat, Spring MVC) under the agent: endpoints are Spring's route
 * templates, Boot's {@code /error} dispatch and its {@code /**} resource handler never show up,
 * async MVC is timed to completion. Each test compares scrapes before and after.
 */
@SpringBootTest(classes = UsersApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.error.include-exception=true", "server.error.include-message=always"})
class SpringBoot3HttpMetricsTest {

    @LocalServerPort
    int port;

    @BeforeAll
    static void agentReady() {
        Scrape.awaitOwnAgent();
    }

    @Test
    void routeTemplateIsTheEndpoint() throws Exception {
        Scrape before = Scrape.own();
        for (int id = 1; id <= 3; id++) {
            Http.Response r = Http.get(url("/api/users/" + id));
            assertEquals(200, r.status());
            assertEquals("{\"id\":" + id + ",\"name\":\"user-" + id + "\"}", r.text());
            assertEquals(List.of("application/json"), r.headers().get("Content-Type"));
        }
        Scrape after = since(before)
                .grows(3, REQUESTS, "method", "GET", "endpoint", "/api/users/{id}", "status", "200")
                .grows(3, DURATION_COUNT, "method", "GET", "endpoint", "/api/users/{id}")
                .grows(3, SIZE_COUNT, "method", "GET", "endpoint", "/api/users/{id}")
                .grows(3 * "{\"id\":1,\"name\":\"user-1\"}".length(), SIZE_SUM, "method", "GET", "endpoint", "/api/users/{id}")
                .settle();
        assertNoEndpoint(after, "/api/users/1");
    }

    @Test
    void notFoundFromARouteKeepsTheRoute() throws Exception {
        Scrape before = Scrape.own();
        Http.Response r = Http.get(url("/api/users/0"));
        assertEquals(404, r.status());
        assertTrue(r.text().contains("\"message\":\"no user 0\""), r.text());
        assertTrue(r.text().contains("\"path\":\"/api/users/0\""), r.text());
        Scrape after = since(before)
                .grows(1, REQUESTS, "method", "GET", "endpoint", "/api/users/{id}", "status", "404")
                .grows(0, REQUESTS, "method", "GET", "endpoint", "NOT_FOUND", "status", "404")
                .settle();
        assertNoEndpoint(after, "/error");
    }

    @Test
    void unknownPathIsNotFoundNotTheResourceHandlerPattern() throws Exception {
        Scrape before = Scrape.own();
        Http.Response r = Http.get(url("/no/such/page"));
        assertEquals(404, r.status());
        assertTrue(r.text().contains("\"path\":\"/no/such/page\""), r.text());
        Scrape after = since(before)
                .grows(1, REQUESTS, "method", "GET", "endpoint", "NOT_FOUND", "status", "404")
                .settle();
        assertNoEndpoint(after, "/**");
        assertNoEndpoint(after, "/no/such/page");
        assertNoEndpoint(after, "/error");
    }

    @Test
    void postCountsItsStatus() throws Exception {
        Scrape before = Scrape.own();
        Http.Response r = Http.post(url("/api/users"), "{\"name\":\"ada\"}");
        assertEquals(201, r.status());
        assertEquals("{\"id\":7,\"name\":\"ada\"}", r.text());
        assertEquals(List.of("/api/users/7"), r.headers().get("Location"));
        since(before)
                .grows(1, REQUESTS, "method", "POST", "endpoint", "/api/users", "status", "201")
                .grows(r.body().length, SIZE_SUM, "method", "POST", "endpoint", "/api/users")
                .settle();
    }

    @Test
    void exceptionIsOne500UnderItsRouteAndBootsErrorDispatchIsNotCounted() throws Exception {
        Scrape before = Scrape.own();
        Http.Response r = Http.get(url("/api/boom"));
        assertEquals(500, r.status());
        // Boot's error page saw the application's own exception.
        assertTrue(r.text().contains("\"exception\":\"java.lang.IllegalStateException\""), r.text());
        assertTrue(r.text().contains("\"message\":\"" + UsersApplication.BOOM + "\""), r.text());
        assertTrue(r.text().contains("\"path\":\"/api/boom\""), r.text());
        Scrape after = since(before)
                .grows(1, REQUESTS, "method", "GET", "endpoint", "/api/boom", "status", "500")
                .grows(1, DURATION_COUNT, "method", "GET", "endpoint", "/api/boom")
                .settle();
        assertEquals(1, after.sum(REQUESTS, "endpoint", "/api/boom") - before.sum(REQUESTS, "endpoint", "/api/boom"),
                after.describe(REQUESTS));
        assertNoEndpoint(after, "/error");
    }

    @Test
    void asyncMvcIsTimedToCompletion() throws Exception {
        Scrape before = Scrape.own();
        Http.Response r = Http.get(url("/api/slow"));
        assertEquals(200, r.status());
        assertEquals("slow done", r.text());
        Scrape after = since(before)
                .grows(1, REQUESTS, "method", "GET", "endpoint", "/api/slow", "status", "200")
                .grows(1, DURATION_COUNT, "method", "GET", "endpoint", "/api/slow")
                .grows("slow done".length(), SIZE_SUM, "method", "GET", "endpoint", "/api/slow")
                .settle();
        double seconds = delta(before, after, DURATION_SUM, "method", "GET", "endpoint", "/api/slow");
        assertTrue(seconds >= UsersApplication.SLOW_MILLIS / 1000.0, "timed to completion: " + seconds);
        assertNothingInFlight();
    }

    @Test
    void queryStringNeverReachesALabel() throws Exception {
        Scrape before = Scrape.own();
        assertEquals(200, Http.get(url("/api/users/9?access_token=secret")).status());
        Scrape after = since(before)
                .grows(1, REQUESTS, "method", "GET", "endpoint", "/api/users/{id}", "status", "200")
                .settle();
        assertFalse(after.text().contains("secret"), "query string leaked into the scrape");
        assertFalse(after.text().contains("access_token"), "query string leaked into the scrape");
        assertNothingInFlight();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
