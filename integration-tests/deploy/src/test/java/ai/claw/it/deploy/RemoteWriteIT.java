package ai.claw.it.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mindrot.jbcrypt.BCrypt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped scaling configuration, end to end between real Prometheus processes:
 * <ul>
 *   <li>each {@code stack/prometheus/remote-write/*.yml} remote_write entry (Thanos Receive, Mimir,
 *   VictoriaMetrics), with only its URL and secret-file paths substituted, sends from a
 *   Prometheus that scrapes a known exposition and evaluates the stack's recording rules, to
 *   its own receiving Prometheus ({@code --web.enable-remote-write-receiver}) that demands TLS and
 *   basic auth: the receiver holds exactly the kept series with exact values, and not the
 *   others;</li>
 *   <li>{@code federation.yml}'s job, with its targets and interval substituted, pulls the
 *   recording-rule outputs, {@code up} and {@code claw_ai_agent_info} into a global
 *   Prometheus, with the original labels, and nothing raw.</li>
 * </ul>
 */
class RemoteWriteIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String DIR = "stack/prometheus/remote-write/";
    private static final List<String> SNIPPETS = List.of("thanos-receive.yml", "mimir.yml", "victoriametrics-cluster.yml");
    private static final String PASSWORD = "remote-write-it-secret";
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** What the "application" exposes: metrics the relabelling keeps, and one it drops. */
    private static final String EXPOSITION = String.join("\n",
            "# TYPE claw_ai_http_requests_total counter",
            "claw_ai_http_requests_total{method=\"POST\",endpoint=\"/api/conversations\",status=\"201\"} 5",
            "# TYPE claw_ai_http_request_duration_seconds histogram",
            "claw_ai_http_request_duration_seconds_bucket{method=\"POST\",endpoint=\"/api/conversations\",le=\"0.1\"} 4",
            "claw_ai_http_request_duration_seconds_bucket{method=\"POST\",endpoint=\"/api/conversations\",le=\"+Inf\"} 5",
            "claw_ai_http_request_duration_seconds_sum{method=\"POST\",endpoint=\"/api/conversations\"} 0.75",
            "claw_ai_http_request_duration_seconds_count{method=\"POST\",endpoint=\"/api/conversations\"} 5",
            "# TYPE claw_ai_agent_info gauge",
            "claw_ai_agent_info{version=\"1.0.0\"} 1",
            "# TYPE unrelated_metric_total counter",
            "unrelated_metric_total 7",
            "");

    @TempDir
    static Path dir;

    private static Exposition app;
    private static final Map<String, Prometheus> receivers = new LinkedHashMap<>();
    private static Prometheus sender;
    private static Prometheus global;

    @BeforeAll
    static void startPrometheusServers() throws Exception {
        Prometheus.binary();
        app = Exposition.serve(EXPOSITION);
        Tls tls = Tls.selfSigned(dir);
        Path passwordFile = dir.resolve("remote-write-password");
        Files.writeString(passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);

        ArrayNode remoteWrite = YAML.createArrayNode();
        for (String file : SNIPPETS) {
            JsonNode snippet = YAML.readTree(Repo.read(DIR + file));
            assertEquals(1, snippet.size(), file + " holds only remote_write");
            assertEquals(1, snippet.path("remote_write").size(), file + " holds one remote_write entry");
            ObjectNode entry = (ObjectNode) snippet.path("remote_write").get(0).deepCopy();
            String user = entry.path("basic_auth").path("username").asText();
            assertTrue(!user.isEmpty(), file + ": basic_auth.username");
            assertTrue(entry.path("url").asText().startsWith("https://"), file + ": the URL is https");

            // The receiver: TLS with our certificate, basic auth with the snippet's user name.
            Path web = dir.resolve("web-" + file);
            Files.writeString(web, "tls_server_config:\n  cert_file: " + tls.certPem + "\n  key_file: " + tls.keyPem
                    + "\nbasic_auth_users:\n  " + user + ": " + BCrypt.hashpw(PASSWORD, BCrypt.gensalt(4)) + "\n");
            Prometheus receiver = Prometheus.start("receiver-" + file.replace(".yml", ""), dir,
                    "global:\n  scrape_interval: 1m\n",
                    List.of("--web.enable-remote-write-receiver", "--web.config.file=" + web),
                    tls.clientContext, user + ":" + PASSWORD);
            receivers.put(file, receiver);

            // Substitute only the endpoint and the secret files.
            entry.put("url", receiver.url() + "/api/v1/write");
            ((ObjectNode) entry.path("basic_auth")).put("password_file", passwordFile.toString());
            ((ObjectNode) entry.path("tls_config")).put("ca_file", tls.certPem.toString());
            remoteWrite.add(entry);
        }

        ObjectNode config = YAML.createObjectNode();
        ObjectNode globalSection = config.putObject("global");
        globalSection.put("scrape_interval", "1s");
        globalSection.put("evaluation_interval", "1s");
        globalSection.putObject("external_labels").put("cluster", "it");
        config.putArray("rule_files").add(Repo.path("stack/prometheus/rules/claw-ai-recording.yml").toString());
        ObjectNode job = config.putArray("scrape_configs").addObject();
        job.put("job_name", "claw-ai-agent");
        ObjectNode staticConfig = job.putArray("static_configs").addObject();
        staticConfig.putArray("targets").add(app.target());
        staticConfig.putObject("labels").put("instance", "sample-app");
        config.set("remote_write", remoteWrite);
        promtoolCheck("sender", config);
        sender = Prometheus.start("sender", dir, Prometheus.JSON.writeValueAsString(config), List.of());

        // The global Prometheus federating from the sender with the shipped job.
        JsonNode federation = YAML.readTree(Repo.read(DIR + "federation.yml"));
        assertEquals(1, federation.path("scrape_configs").size());
        ObjectNode federate = (ObjectNode) federation.path("scrape_configs").get(0).deepCopy();
        federate.put("scrape_interval", "1s");
        federate.put("scrape_timeout", "1s");
        ArrayNode targets = YAML.createArrayNode().add(sender.address());
        ((ObjectNode) federate.path("static_configs").get(0)).set("targets", targets);
        ObjectNode globalConfig = YAML.createObjectNode();
        globalConfig.putObject("global").put("scrape_interval", "1s");
        globalConfig.putArray("scrape_configs").add(federate);
        promtoolCheck("global", globalConfig);
        global = Prometheus.start("global", dir, Prometheus.JSON.writeValueAsString(globalConfig), List.of());
    }

    @AfterAll
    static void stopAll() {
        if (global != null) {
            global.close();
        }
        if (sender != null) {
            sender.close();
        }
        receivers.values().forEach(Prometheus::close);
        if (app != null) {
            app.close();
        }
    }

    private static void promtoolCheck(String name, JsonNode config) throws Exception {
        String promtool = Repo.requireTool("promtool", "apt-get install --no-install-recommends prometheus");
        Path file = dir.resolve(name + "-check.yml");
        Files.writeString(file, Prometheus.JSON.writeValueAsString(config));
        Proc.ok(List.of(promtool, "check", "config", file.toString()), dir.toFile(), null, 60);
    }

    private static Map<String, String> labels(JsonNode series) {
        Map<String, String> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = series.path("metric").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().asText());
        }
        return m;
    }

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void everyShippedRemoteWriteEntryDeliversExactlyTheKeptSeries() {
        // The sender itself has everything, including what the relabelling drops.
        sender.awaitSingle("unrelated_metric_total", "7", WAIT);
        sender.awaitSingle("job:claw_ai_http_requests:rate5m", "0", WAIT);
        ai.claw.it.Waits.until(WAIT, "bucket rates recorded on the sender", () ->
                sender.query("job_instance_endpoint:claw_ai_http_request_duration_seconds_bucket:rate5m").size() == 2);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Prometheus> e : receivers.entrySet()) {
            Prometheus receiver = e.getValue();
            String file = e.getKey();
            JsonNode requests = receiver.awaitSingle("claw_ai_http_requests_total", "5", WAIT);
            assertEquals(map("__name__", "claw_ai_http_requests_total", "cluster", "it", "job", "claw-ai-agent",
                    "instance", "sample-app", "method", "POST", "endpoint", "/api/conversations", "status", "201"),
                    labels(requests), file);
            JsonNode up = receiver.awaitSingle("up", "1", WAIT);
            assertEquals(map("__name__", "up", "cluster", "it", "job", "claw-ai-agent", "instance", "sample-app"), labels(up), file);
            receiver.awaitSingle("claw_ai_agent_info", "1", WAIT);
            // A recording-rule output of stack/prometheus/rules (rate of a constant counter: exactly 0).
            JsonNode recorded = receiver.awaitSingle("job:claw_ai_http_requests:rate5m", "0", WAIT);
            assertEquals(map("__name__", "job:claw_ai_http_requests:rate5m", "cluster", "it", "job", "claw-ai-agent"),
                    labels(recorded), file);
            ai.claw.it.Waits.until(WAIT, file + ": the 2 bucket-rate series (le=0.1, le=+Inf) arrive", () ->
                    receiver.query("job_instance_endpoint:claw_ai_http_request_duration_seconds_bucket:rate5m").size() == 2);
            receiver.awaitSingle("claw_ai_http_request_duration_seconds_count", "5", WAIT);
            // Dropped by write_relabel_configs: present on the sender, absent here.
            for (String dropped : List.of("unrelated_metric_total", "scrape_duration_seconds", "scrape_samples_scraped")) {
                if (receiver.query(dropped).size() != 0) {
                    problems.add(file + ": " + dropped + " reached the receiver: " + receiver.query(dropped));
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theShippedFederationJobPullsAggregatesWithTheirLabelsAndNothingRaw() {
        JsonNode recorded = global.awaitSingle("job:claw_ai_http_requests:rate5m", "0", WAIT);
        // honor_labels: the source's job and external labels, not the federation job's.
        assertEquals(map("__name__", "job:claw_ai_http_requests:rate5m", "cluster", "it", "job", "claw-ai-agent"), labels(recorded));
        JsonNode perInstance = global.awaitSingle("job_instance:claw_ai_http_requests:rate5m", "0", WAIT);
        assertEquals(map("__name__", "job_instance:claw_ai_http_requests:rate5m", "cluster", "it", "job", "claw-ai-agent",
                "instance", "sample-app"), labels(perInstance));
        JsonNode up = global.awaitSingle("up{job=\"claw-ai-agent\"}", "1", WAIT);
        assertEquals(map("__name__", "up", "cluster", "it", "job", "claw-ai-agent", "instance", "sample-app"), labels(up));
        global.awaitSingle("claw_ai_agent_info", "1", WAIT);
        global.awaitSingle("up{job=\"federate-claw-ai\"}", "1", WAIT);
        sender.awaitSingle("claw_ai_http_requests_total", "5", WAIT);
        ai.claw.it.Waits.until(WAIT, "bucket rates recorded on the sender", () ->
                sender.query("job_instance_endpoint:claw_ai_http_request_duration_seconds_bucket:rate5m").size() == 2);
        global.awaitSingle("job_endpoint:claw_ai_http_request_duration_seconds:mean5m", "NaN", WAIT);
        assertEquals(0, global.query("claw_ai_http_requests_total").size(), "raw counters stay in the source");
        assertEquals(0, global.query("claw_ai_http_request_duration_seconds_bucket").size(), "raw histograms stay in the source");
        assertEquals(0, global.query("job_instance_endpoint:claw_ai_http_request_duration_seconds_bucket:rate5m").size(),
                "per-instance bucket rates stay in the source");
        assertEquals(0, global.query("unrelated_metric_total").size());
    }
}
