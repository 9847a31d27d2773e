package ai.claw.it.reliability;

import ai.claw.it.Http;
import ai.claw.it.Ports;
import ai.claw.it.Scrape;
import ai.claw.it.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metrics endpoint against hostile or careless clients, bound to 127.0.0.1 behind basic auth:
 * the bind address holds; only {@code /metrics} and {@code /-/healthy} are served (every other
 * path is a bare 404, and 401 without credentials); request bodies are ignored; idle connections,
 * 1 MB of headers and slow clients never stall the application, and never stall scrapes for
 * longer than {@code sun.net.httpserver.maxReqTime} (60 s as client_java sets it; 3 s here).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsEndpointIT {

    static final String USER = "prom";
    static final String PASSWORD = "s3cr3t-Pa55";
    static final int MAX_REQ_TIME_SECONDS = 3;
    static final int IDLE = 30;

    static App app;

    @BeforeAll
    static void start() throws IOException {
        app = App.start(App.options()
                .agent("host=127.0.0.1,auth.username=" + USER + ",auth.password=" + PASSWORD)
                .jvm("-Dsun.net.httpserver.maxReqTime=" + MAX_REQ_TIME_SECONDS));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    static String[] auth() {
        return new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))};
    }

    static String metricsUrl(String path) {
        return "http://127.0.0.1:" + app.metricsPort + path;
    }

    /** A scrape answers 200 within {@code timeout}. */
    static boolean scrapes(Duration timeout) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", app.metricsPort), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            s.getOutputStream().write(("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + auth()[0] + ": " + auth()[1] + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] head = s.getInputStream().readNBytes(12);
            return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
        } catch (IOException e) {
            return false;
        }
    }

    /** The application answers {@code /greet/...} within a second. */
    static void assertAppServesPromptly() throws IOException {
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            assertEquals("hello fine", app.get("/greet/fine").text());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 1000, "the application took " + ms + " ms");
        }
    }

    @Test
    @Order(1)
    void theBindAddressHolds() throws Exception {
        InetAddress external = null;
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (nic.isUp() && !a.isLoopbackAddress() && a instanceof Inet4Address) {
                    external = a;
                }
            }
        }
        Assumptions.assumeTrue(external != null, "this machine has no non-loopback IPv4 address");
        assertTrue(Ports.isOpen("127.0.0.1", app.metricsPort));
        assertTrue(Ports.isOpen(external.getHostAddress(), app.port), "the application (all interfaces) answers on " + external);
        assertFalse(Ports.isOpen(external.getHostAddress(), app.metricsPort), "host=127.0.0.1: nothing on " + external);
        assertTrue(app.output().contains("[claw-ai-agent] INFO metrics on http://127.0.0.1:" + app.metricsPort + "/metrics (basic auth)"));
    }

    @Test
    @Order(2)
    void onlyMetricsAndHealthAreServedAndNothingWithoutCredentials() throws Exception {
        assertEquals(200, Http.get(metricsUrl("/metrics"), auth()).status());
        assertEquals(200, Http.get(metricsUrl("/-/healthy"), auth()).status());
        for (String path : List.of("/", "/index.html", "/etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/favicon.ico", "/debug/pprof",
                "/-/reload", "/api/v1/query", "/.env")) {
            Http.Response r = Http.get(metricsUrl(path), auth());
            assertEquals(404, r.status(), path);
            assertEquals(0, r.body().length, path + ": " + r.text());
        }
        for (String path : List.of("/", "/metrics", "/-/healthy", "/nothing")) {
            Http.Response r = Http.get(metricsUrl(path));
            assertEquals(401, r.status(), path);
            assertFalse(r.text().contains("claw_ai"), path);
            assertEquals(401, Http.get(metricsUrl(path), "Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((USER + ":" + PASSWORD + "x").getBytes(StandardCharsets.UTF_8))).status(), path);
        }
        // Paths the JDK server maps to the /metrics context (it matches by prefix) get the metrics, nothing else.
        for (String path : List.of("/metricsx", "/metrics/../../../etc/passwd", "/metrics/%2e%2e/%2e%2e/etc/passwd")) {
            Http.Response r = rawGet(path);
            assertTrue(r.status() == 404 || r.text().contains("claw_ai_agent_info"), path + ": " + r.text());
            assertFalse(r.text().contains("root:"), path);
        }
    }

    @Test
    @Order(3)
    void requestBodiesAreIgnored() throws Exception {
        String marker = "BODY-MARKER-" + System.nanoTime();
        for (int size : new int[] {10_000, 1 << 20}) {
            for (int i = 0; i < 3; i++) {
                try {
                    Http.Response r = Http.post(metricsUrl("/metrics"), marker + "x".repeat(size), auth());
                    assertEquals(200, r.status());
                    assertTrue(r.text().contains("claw_ai_agent_info"));
                    assertFalse(r.text().contains(marker));
                } catch (IOException reset) {
                    // A body far larger than the server drains is not read at all: the connection is closed under it.
                    assertEquals(1 << 20, size, "a 10 KB body is drained and answered: " + reset);
                }
            }
        }
        assertTrue(scrapes(Duration.ofSeconds(5)));
    }

    @Test
    @Order(4)
    void idleConnectionsStallNothing() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            // More than the server's 10 threads. Opened one by one: client_java's server listens with a
            // backlog of 3, so a burst of connects waits for SYN retries (seconds) before it is accepted.
            for (int i = 0; i < IDLE; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", app.metricsPort), 10_000);
                idle.add(s);
                Waits.sleep(20);
            }
            for (int i = 0; i < 3; i++) {
                assertTrue(scrapes(Duration.ofSeconds(2)), "a scrape with " + IDLE + " idle connections open");
            }
            assertAppServesPromptly();
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    @Test
    @Order(5)
    void oversizedHeadersAreRefusedQuickly() throws Exception {
        for (boolean oneBigHeader : new boolean[] {true, false}) {
            long t0 = System.nanoTime();
            try (Socket s = new Socket("127.0.0.1", app.metricsPort)) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                try {
                    out.write(("GET /metrics HTTP/1.1\r\nHost: x\r\n" + auth()[0] + ": " + auth()[1] + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    if (oneBigHeader) {
                        out.write(("X-Big: " + "a".repeat(1 << 20) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    } else {
                        for (int i = 0; i < 10_000; i++) {
                            out.write(("X-Header-" + i + ": " + "b".repeat(100) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    byte[] answer = s.getInputStream().readNBytes(12);
                    String status = new String(answer, StandardCharsets.US_ASCII);
                    assertFalse(status.startsWith("HTTP/1.1 200"), "1 MB of headers was served: " + status);
                } catch (IOException refused) {
                    // the server closed the connection: refused
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 5000, "refusing 1 MB of headers took " + ms + " ms");
            assertTrue(scrapes(Duration.ofSeconds(5)));
            assertAppServesPromptly();
        }
    }

    @Test
    @Order(6)
    void slowClientsNeverStallTheApplicationAndScrapesRecover() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                slow.add(slowClient());
            }
            assertTrue(scrapes(Duration.ofSeconds(2)), "a scrape beside 5 slow clients");

            // More slow clients than the metrics server has threads (10): scrapes wait, the application does not...
            for (int i = 0; i < 15; i++) {
                slow.add(slowClient());
            }
            Waits.sleep(300);
            assertAppServesPromptly();
            // ...and the server drops them after maxReqTime, so scrapes come back while they are still connected.
            long t0 = System.nanoTime();
            Waits.until(Duration.ofSeconds(MAX_REQ_TIME_SECONDS + 10), "scrapes to recover", () -> scrapes(Duration.ofSeconds(1)));
            System.out.printf("scrapes recovered %d ms after 20 slow clients%n", (System.nanoTime() - t0) / 1_000_000);
            Scrape s = Scrape.parse(Http.get(metricsUrl("/metrics"), auth()).text());
            assertEquals(1, s.samples("claw_ai_agent_info").size());
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    /** A client that starts a request and never finishes it. */
    private static Socket slowClient() throws IOException {
        Socket s = new Socket("127.0.0.1", app.metricsPort);
        s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    /** A GET of a path exactly as written (no client-side normalisation). */
    private static Http.Response rawGet(String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", app.metricsPort)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + auth()[0] + ": " + auth()[1] + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(all.substring(9, 12));
            return new Http.Response(status, java.util.Map.of(), all.getBytes(StandardCharsets.UTF_8));
        }
    }
}
