package ai.claw.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * With {@code --demo-traffic}: once the app is ready, a single background thread sends a steady
 * mix of requests at it over HTTP (about 3–4 a second) until the app stops. The mix, per 100:
 * 8 new conversations, 4 blank titles (400), 18 conversation reads, 3 reads of an unknown
 * conversation (404), 27 messages, 4 {@code /fail} messages (500), 3 messages to an unknown
 * conversation (404), 15 message lists, 4 requests to a path with no route (404) and 14
 * health checks.
 */
@Component
public class DemoTraffic {

    private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);

    static final long INTERVAL_MILLIS = 250;
    static final long REPORT_SECONDS = 60;
    static final int KEEP_CONVERSATIONS = 20;

    private static final String[] TOPICS = {"How do I attach the CLAW.AI agent?", "Which metrics does the agent export?",
            "Why is the AI response latency high today?", "How are prompt and completion tokens counted?",
            "Show me the database pool usage", "What does the alert on error rate mean?",
            "Summarise the last conversation", "Which Grafana dashboard shows Redis latency?"};

    private final AppSettings settings;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    // Only touched by the single executor thread.
    private final List<Long> conversations = new ArrayList<>();
    private final Map<String, Integer> counts = new TreeMap<>();
    private ScheduledExecutorService executor;
    private String base;

    public DemoTraffic(AppSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
    }

    @EventListener
    public synchronized void start(ApplicationReadyEvent event) {
        if (!settings.demoTraffic() || executor != null) {
            return;
        }
        Integer port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", Integer.class);
        base = "http://127.0.0.1:" + (port == null ? settings.port() : port);
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "demo-traffic");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::step, 500, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        executor.scheduleAtFixedRate(this::report, REPORT_SECONDS, REPORT_SECONDS, TimeUnit.SECONDS);
        log.info("Demo traffic started against {} (a request every {} ms, some failing on purpose)", base,
                INTERVAL_MILLIS);
    }

    @EventListener(ContextClosedEvent.class)
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
            log.info("Demo traffic stopped");
        }
    }

    private void step() {
        try {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (conversations.isEmpty()) {
                createConversation();
                return;
            }
            long known = conversations.get(random.nextInt(conversations.size()));
            long unknown = 900_000_000L + random.nextInt(1_000_000);
            int dice = random.nextInt(100);
            if (dice < 8) {
                createConversation();
            } else if (dice < 12) {
                send("POST", "/api/conversations", "{\"title\":\"  \"}");
            } else if (dice < 30) {
                send("GET", "/api/conversations/" + known, null);
            } else if (dice < 33) {
                send("GET", "/api/conversations/" + unknown, null);
            } else if (dice < 60) {
                String content = TOPICS[random.nextInt(TOPICS.length)];
                send("POST", "/api/conversations/" + known + "/messages", json.writeValueAsString(Map.of("content", content)));
            } else if (dice < 64) {
                send("POST", "/api/conversations/" + known + "/messages", "{\"content\":\"/fail\"}");
            } else if (dice < 67) {
                send("POST", "/api/conversations/" + unknown + "/messages", "{\"content\":\"hello?\"}");
            } else if (dice < 82) {
                send("GET", "/api/conversations/" + known + "/messages", null);
            } else if (dice < 86) {
                send("GET", "/api/no-such-route", null);
            } else {
                send("GET", "/api/health", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            counts.merge("failed", 1, Integer::sum);
            log.debug("Demo request failed: {}", e.toString());
        }
    }

    private void createConversation() throws Exception {
        String title = "Demo chat " + (System.currentTimeMillis() % 100_000);
        HttpResponse<String> response = send("POST", "/api/conversations",
                json.writeValueAsString(Map.of("title", title)));
        if (response.statusCode() == 201) {
            conversations.add(json.readTree(response.body()).get("id").asLong());
            if (conversations.size() > KEEP_CONVERSATIONS) {
                conversations.remove(0);
            }
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        counts.merge(String.valueOf(response.statusCode()), 1, Integer::sum);
        return response;
    }

    private void report() {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        log.info("Demo traffic: {} requests in the last {} s, by status {}", total, REPORT_SECONDS, counts);
        counts.clear();
    }
}
