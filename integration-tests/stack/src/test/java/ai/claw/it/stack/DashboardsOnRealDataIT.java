package ai.claw.it.stack;

import ai.claw.it.ForkedJvm;
import ai.claw.it.Http;
import ai.claw.it.LocalServices;
import ai.claw.it.Ports;
import ai.claw.it.Waits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 5 item 6, the proof on real data: every PromQL query of every shipped dashboard, every
 * recording rule and every alert condition, run through the HTTP API of the real Prometheus
 * (Debian 2.42, with the SHIPPED rule files and a scrape configuration generated from the shipped
 * prometheus.yml) scraping, once a second:
 * <ul>
 *   <li>the sample app jar under the real agent jar, on the real PostgreSQL (a throw-away schema)
 *       and the real Redis (a database of its own), with {@code --demo-traffic} and with traffic
 *       this test sends through the real Nginx running the shipped nginx.conf;</li>
 *   <li>the Debian node, PostgreSQL, Redis and Nginx exporters, Prometheus itself and the
 *       Alertmanager running the shipped alertmanager.yml.</li>
 * </ul>
 * Each expression must evaluate without error AND return series. The only exceptions are listed
 * below with their reason and printed: LogQL (no Loki here), components absent here, alert
 * conditions that exist only after failures (the test then causes real failures in PostgreSQL
 * and Redis and checks them), and {@code absent(...)}. Dashboard queries run twice: with every
 * template variable at Grafana's "All" ({@code .*}) and with the variables' real values, taken
 * from their own {@code label_values()} queries. All servers listen on 127.0.0.1 on free ports
 * and are ended in {@link #stopAll()}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardsOnRealDataIT {

    // ------------------------------------------------------------------ what is not expected to have series, and why
    static final String LOKI_REASON = "LogQL of the Loki datasource: no Loki/Promtail runs here (Debian has no package); "
            + "stack/validate.sh parses it with Grafana's LogQL grammar";

    /** Dashboard queries ("dashboard / panel / refId" or the raw expression) that need a component absent here → reason. */
    static final Map<String, String> NEEDS_ABSENT_COMPONENT = Map.of();

    /** Shipped jobs with no local counterpart → reason; dropped from the generated scrape configuration. */
    static final Map<String, String> ABSENT_JOBS = Map.of(
            "loki", "no Loki here (Debian's 'loki' package is an unrelated tool)",
            "promtail", "no Promtail here (no Debian package)");

    /** Alerts whose compared expressions have series only once something failed: checked after the test injects failures. */
    static final Map<String, String> NEEDS_INJECTED_FAULT = Map.of(
            "ClawAiDbHighErrorRatio", "the ratio's numerator (statements with outcome=\"error\") exists only after a statement "
                    + "failed: checked after the test makes INSERTs fail with a CHECK constraint in its schema",
            "ClawAiRedisHighErrorRatio", "the ratio's numerator (commands with outcome=\"error\") exists only after a command "
                    + "failed: checked after the test makes Jedis GET and Lettuce INCR fail (WRONGTYPE keys)");

    /** Alerts whose compared expression has no series on a healthy system → reason (it must still evaluate without error). */
    static final Map<String, String> NO_SERIES_EXPECTED = Map.of();

    static final String ABSENT_REASON = "absent(X) is empty while X exists: X must have series";

    // ------------------------------------------------------------------ fixed parameters
    static final String PG_USER = "postgres";
    static final int REDIS_DB = 12;
    static final String DB_FAULT_CONTENT = "claw-it-db-fault";
    static final String SCRAPE_INTERVAL = "1s";
    /** Traffic before the first evaluation: rates over [1m]/[5m] need two samples, histograms a few requests per route. */
    static final Duration MIN_TRAFFIC = Duration.ofSeconds(15);
    static final Duration SERIES_DEADLINE = Duration.ofSeconds(75);

    static final ObjectMapper JSON = new ObjectMapper();

    // ------------------------------------------------------------------ the running stack
    static final List<AutoCloseable> running = new ArrayList<>();
    static Path work;
    static String schema;
    static int appPort;
    static int agentPort;
    static int nginxPort;
    static int nginxStatusPort;
    static int prometheusPort;
    static int alertmanagerPort;
    static PrometheusApi prometheus;
    static ForkedJvm app;
    static NginxTraffic traffic;
    static Thread trafficThread;
    static long trafficStart;
    static String python;

    @BeforeAll
    static void startStack() throws Exception {
        long t0 = System.nanoTime();
        LocalServices.requirePostgres();
        LocalServices.requireRedis();
        Map<String, String> bin = Tools.require();
        python = Repo.pythonWithYaml();
        assertTrue(python != null, "python3 with PyYAML is needed to list the dashboard queries (stack/tools/check_stack.py): "
                + "apt-get install python3-yaml");
        Runtime.getRuntime().addShutdownHook(new Thread(DashboardsOnRealDataIT::closeAll));

        work = Files.createTempDirectory("claw-stack-it-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Set<Integer> taken = new HashSet<>();
        appPort = freePort(taken);
        agentPort = freePort(taken);
        nginxPort = freePort(taken);
        nginxStatusPort = freePort(taken);
        int grafanaPort = freePort(taken);
        int nodePort = freePort(taken);
        int postgresExporterPort = freePort(taken);
        int redisExporterPort = freePort(taken);
        int nginxExporterPort = freePort(taken);
        prometheusPort = freePort(taken);
        alertmanagerPort = freePort(taken);

        // A throw-away schema in the real PostgreSQL, and a Redis database of our own, empty.
        schema = "claw_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        sql("CREATE SCHEMA " + schema);
        RedisDb.run("127.0.0.1", 6379, REDIS_DB, new String[] {"FLUSHDB"});

        // The application under the real agent (slowest to start: everything else starts meanwhile).
        String dbUrl = LocalServices.POSTGRES_URL + "?currentSchema=" + schema;
        app = ForkedJvm.start(
                List.of("-javaagent:" + ForkedJvm.agentJar() + "=port=" + agentPort + ",host=127.0.0.1", "-Xmx256m"),
                List.of("-jar", Repo.sampleJar(), "--port", Integer.toString(appPort), "--db-url", dbUrl,
                        "--db-user", PG_USER, "--redis-url", "redis://127.0.0.1:6379/" + REDIS_DB, "--demo-traffic"),
                Map.of());
        running.add(app);

        // Nginx with the shipped configuration, rewritten to local ports and paths.
        Path nginxDir = Files.createDirectories(work.resolve("nginx"));
        Files.createDirectories(nginxDir.resolve("log/claw-ai"));
        Files.createDirectories(nginxDir.resolve("temp"));
        for (Path p : List.of(nginxDir, nginxDir.resolve("temp"))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path nginxConf = nginxDir.resolve("nginx.conf");
        Files.writeString(nginxConf, StackConfigs.nginx(nginxDir, appPort, nginxPort, nginxStatusPort, grafanaPort));
        NativeProcess nginx = start("nginx", Map.of(), bin.get("nginx"), "-c", nginxConf.toString(),
                "-p", nginxDir + "/", "-e", nginxDir.resolve("log/error.log").toString());

        NativeProcess node = start("node-exporter", Map.of(), bin.get("prometheus-node-exporter"),
                "--web.listen-address=127.0.0.1:" + nodePort);
        NativeProcess pgExporter = start("postgres-exporter",
                Map.of("DATA_SOURCE_NAME", "postgresql://" + PG_USER + "@127.0.0.1:5432/test?sslmode=disable"),
                bin.get("prometheus-postgres-exporter"), "--web.listen-address=127.0.0.1:" + postgresExporterPort);
        NativeProcess redisExporter = start("redis-exporter", Map.of(), bin.get("prometheus-redis-exporter"),
                "-redis.addr", "redis://127.0.0.1:6379", "-web.listen-address", "127.0.0.1:" + redisExporterPort);
        // The NGINX exporter exits at once when the status page does not answer yet.
        nginx.awaitPort(nginxStatusPort, Duration.ofSeconds(20));
        NativeProcess nginxExporter = start("nginx-exporter", Map.of(), bin.get("prometheus-nginx-exporter"),
                "-nginx.scrape-uri", "http://127.0.0.1:" + nginxStatusPort + "/stub_status",
                "-web.listen-address", "127.0.0.1:" + nginxExporterPort);
        NativeProcess alertmanager = start("alertmanager", Map.of(), bin.get("prometheus-alertmanager"),
                "--config.file=" + Repo.stack().resolve("alertmanager/alertmanager.yml"),
                "--storage.path=" + Files.createDirectories(work.resolve("alertmanager-data")),
                "--web.listen-address=127.0.0.1:" + alertmanagerPort, "--cluster.listen-address=");

        // Prometheus: the shipped prometheus.yml with local targets, the shipped rule files.
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("claw-ai-agent", "127.0.0.1:" + agentPort);
        targets.put("prometheus", "127.0.0.1:" + prometheusPort);
        targets.put("alertmanager", "127.0.0.1:" + alertmanagerPort);
        targets.put("node-exporter", "127.0.0.1:" + nodePort);
        targets.put("postgres-exporter", "127.0.0.1:" + postgresExporterPort);
        targets.put("redis-exporter", "127.0.0.1:" + redisExporterPort);
        targets.put("nginx-exporter", "127.0.0.1:" + nginxExporterPort);
        ABSENT_JOBS.forEach((job, reason) -> System.out.println("scrape job " + job + " of the shipped prometheus.yml dropped: " + reason));
        Path promConfig = work.resolve("prometheus.yml");
        Files.writeString(promConfig, StackConfigs.prometheus(targets, ABSENT_JOBS, "127.0.0.1:" + alertmanagerPort, SCRAPE_INTERVAL));
        Repo.Result check = Repo.run(work, Duration.ofSeconds(60), Map.of(),
                List.of(bin.get("promtool"), "check", "config", promConfig.toString()));
        assertEquals(0, check.exitCode(), "promtool check config of the generated configuration:\n" + check.output()
                + "\n" + Files.readString(promConfig));
        NativeProcess prom = start("prometheus", Map.of(), bin.get("prometheus"), "--config.file=" + promConfig,
                "--storage.tsdb.path=" + Files.createDirectories(work.resolve("prometheus-data")),
                "--web.listen-address=127.0.0.1:" + prometheusPort, "--web.enable-lifecycle");
        prometheus = new PrometheusApi(prometheusPort);

        nginx.awaitPort(nginxPort, Duration.ofSeconds(20)).awaitPort(nginxStatusPort, Duration.ofSeconds(20));
        node.awaitPort(nodePort, Duration.ofSeconds(20));
        pgExporter.awaitPort(postgresExporterPort, Duration.ofSeconds(20));
        redisExporter.awaitPort(redisExporterPort, Duration.ofSeconds(20));
        nginxExporter.awaitPort(nginxExporterPort, Duration.ofSeconds(20));
        alertmanager.awaitPort(alertmanagerPort, Duration.ofSeconds(20));
        prom.awaitPort(prometheusPort, Duration.ofSeconds(30));

        app.awaitHttp("http://127.0.0.1:" + appPort + "/api/health", Duration.ofSeconds(150));
        Http.Response viaNginx = Http.get("http://127.0.0.1:" + nginxPort + "/api/health");
        assertEquals(200, viaNginx.status(), "GET /api/health through Nginx: " + viaNginx.text()
                + "\nnginx error log:\n" + readOrEmpty(nginxDir.resolve("log/error.log")));
        // The failure injected later: a CHECK constraint in our own schema, hit only by DB_FAULT_CONTENT.
        sql("ALTER TABLE " + schema + ".messages ADD CONSTRAINT claw_it_fault CHECK (content <> '" + DB_FAULT_CONTENT + "')");

        traffic = new NginxTraffic("http://127.0.0.1:" + nginxPort);
        trafficThread = new Thread(traffic, "traffic-through-nginx");
        trafficThread.setDaemon(true);
        trafficThread.start();
        trafficStart = System.nanoTime();
        System.out.printf("stack up in %d s (app :%d, agent :%d, nginx :%d/:%d, prometheus :%d, alertmanager :%d, work %s)%n",
                (System.nanoTime() - t0) / 1_000_000_000, appPort, agentPort, nginxPort, nginxStatusPort, prometheusPort,
                alertmanagerPort, work);
    }

    @AfterAll
    static void stopAll() {
        closeAll();
        if (schema != null) {
            try {
                sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                System.out.println("could not drop schema " + schema + ": " + e);
            }
        }
        try {
            RedisDb.run("127.0.0.1", 6379, REDIS_DB, new String[] {"FLUSHDB"});
        } catch (IOException e) {
            System.out.println("could not flush Redis database " + REDIS_DB + ": " + e);
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.out.println("could not delete " + work + ": " + e);
            }
        }
    }

    private static synchronized void closeAll() {
        if (traffic != null) {
            traffic.stop = true;
        }
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.out.println("closing " + running.get(i) + ": " + e);
            }
        }
        running.clear();
    }

    // ------------------------------------------------------------------ tests

    @Test
    @Order(1)
    void everyTargetIsUpAndAlertmanagerIsFound() throws Exception {
        try {
            Waits.until(Duration.ofSeconds(60), "every scrape target up", () -> {
                try {
                    JsonNode active = prometheus.get("/api/v1/targets?state=active").path("data").path("activeTargets");
                    if (active.size() == 0) {
                        return false;
                    }
                    for (JsonNode t : active) {
                        if (!"up".equals(t.path("health").asText())) {
                            return false;
                        }
                    }
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (AssertionError e) {
            fail("not every target is up:\n" + targetsReport() + "\n" + logs());
        }
        String report = targetsReport();
        System.out.println("scrape targets:\n" + report);
        for (String job : List.of("claw-ai-agent", "prometheus", "alertmanager", "node-exporter", "postgres-exporter",
                "redis-exporter", "nginx-exporter")) {
            assertTrue(report.contains(" " + job + " "), "no target of job " + job + ":\n" + report);
        }
        Waits.until(Duration.ofSeconds(20), "Prometheus to find the Alertmanager", () -> {
            try {
                return prometheus.get("/api/v1/alertmanagers").path("data").path("activeAlertmanagers").size() > 0;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Test
    @Order(2)
    void everyDashboardQueryRecordingRuleAndAlertConditionHasSeries() throws Exception {
        long waited = Duration.ofNanos(System.nanoTime() - trafficStart).toMillis();
        if (waited < MIN_TRAFFIC.toMillis()) {
            Thread.sleep(MIN_TRAFFIC.toMillis() - waited);
        }
        long deadline = trafficStart + SERIES_DEADLINE.toNanos();
        List<Outcome> outcomes;
        int rounds = 0;
        while (true) {
            rounds++;
            outcomes = evaluate(checks(false));
            boolean allGood = outcomes.stream().noneMatch(o -> o.status == Status.FAIL);
            if (allGood || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(2000);
        }
        printReport("dashboards, recording rules and alert conditions on real data (round " + rounds + ", "
                + (System.nanoTime() - trafficStart) / 1_000_000_000 + " s of traffic; " + traffic.summary() + ")", outcomes);
        assertRulesHealthy();
        List<Outcome> failed = outcomes.stream().filter(o -> o.status == Status.FAIL).toList();
        if (!failed.isEmpty()) {
            fail(failed.size() + " expression(s) failed on real data:\n"
                    + failed.stream().map(Outcome::line).collect(Collectors.joining("\n"))
                    + "\n\nscrape targets:\n" + targetsReport() + "\n" + metricsOverview());
        }
        assertTrue(traffic.count(200) > 0 && traffic.count(201) > 0,
                "no successful request through Nginx: " + traffic.summary());
    }

    @Test
    @Order(3)
    void errorRatioAlertConditionsHaveSeriesOnceStatementsAndCommandsFail() throws Exception {
        String nginx = "http://127.0.0.1:" + nginxPort;
        long id = NginxTraffic.createConversation(nginx, "fault injection");
        String cacheKey = "claw:conversation:" + id;
        String rateKey = "claw:rate:" + id;
        int dbFailures = 0;
        for (int i = 0; i < 4; i++) {
            // Jedis GET of the cached conversation answers WRONGTYPE: the app falls back to the database.
            RedisDb.run("127.0.0.1", 6379, REDIS_DB, new String[] {"DEL", cacheKey}, new String[] {"HSET", cacheKey, "claw-it", "fault"});
            assertEquals(200, Http.get(nginx + "/api/conversations/" + id).status());
            // Lettuce INCR of the rate-limit key answers WRONGTYPE: the limiter lets the message through.
            RedisDb.run("127.0.0.1", 6379, REDIS_DB, new String[] {"DEL", rateKey}, new String[] {"HSET", rateKey, "claw-it", "fault"});
            assertEquals(200, Http.post(nginx + "/api/conversations/" + id + "/messages", "{\"content\":\"hello\"}").status());
            // The INSERT of this content violates the test's CHECK constraint: 500.
            Http.Response r = Http.post(nginx + "/api/conversations/" + id + "/messages", "{\"content\":\"" + DB_FAULT_CONTENT + "\"}");
            if (r.status() == 500) {
                dbFailures++;
            }
            Thread.sleep(700);
        }
        assertEquals(4, dbFailures, "the INSERT of '" + DB_FAULT_CONTENT + "' should fail with 500 every time");

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<Outcome> outcomes;
        while (true) {
            outcomes = evaluate(checks(true));
            if (outcomes.stream().noneMatch(o -> o.status == Status.FAIL) || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(1000);
        }
        printReport("alert conditions that need failures, after real failures in PostgreSQL and Redis", outcomes);
        List<Outcome> failed = outcomes.stream().filter(o -> o.status == Status.FAIL).toList();
        if (!failed.isEmpty()) {
            fail(failed.size() + " expression(s) failed after injected failures:\n"
                    + failed.stream().map(Outcome::line).collect(Collectors.joining("\n")) + "\n" + metricsOverview());
        }
    }

    @Test
    @Order(4)
    void nginxWritesTheJsonAccessLogOfTheProxiedRequests() throws Exception {
        Path log = work.resolve("nginx/log/claw-ai/access.json.log");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertFalse(lines.isEmpty(), "empty access log " + log);
        int proxied = 0;
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            for (String field : List.of("time", "request_id", "method", "uri", "status", "request_time", "upstream_addr")) {
                assertTrue(entry.has(field), "access log line without " + field + ": " + line);
            }
            assertFalse(entry.path("uri").asText().contains("?"), "query string in the access log: " + line);
            if (entry.path("upstream_addr").asText().equals("127.0.0.1:" + appPort)) {
                proxied++;
            }
        }
        assertTrue(proxied > 0, "no access log line was proxied to the app at 127.0.0.1:" + appPort);
        System.out.println("nginx access log: " + lines.size() + " JSON lines, " + proxied + " proxied to the app");
    }

    // ------------------------------------------------------------------ checks

    enum Status { PASS, SKIP, FAIL }

    /** One expression and what it must do: have series, or (skipReason) only evaluate. */
    record Check(String where, String expr, String skipReason, boolean mustEvaluate) {
    }

    record Outcome(Status status, Check check, String detail) {
        String line() {
            if (status == Status.PASS) {
                return String.format("PASS  %s -> %s", check.where, detail);
            }
            return String.format("%-4s  %s%n        %s%n        -> %s", status, check.where, check.expr.replaceAll("\\s+", " "),
                    status == Status.SKIP ? "skipped: " + check.skipReason + (detail.isEmpty() ? "" : " (" + detail + ")") : detail);
        }
    }

    /** The expressions of phase 1 ({@code afterFaults} false) or those needing injected failures (true). */
    static List<Check> checks(boolean afterFaults) throws IOException {
        List<Check> checks = new ArrayList<>();
        if (!afterFaults) {
            checks.addAll(dashboardChecks());
            for (Map.Entry<String, String> rule : recordingRules().entrySet()) {
                checks.add(new Check("recording rule " + rule.getKey() + " (expression)", rule.getValue(), null, true));
                checks.add(new Check("recording rule " + rule.getKey() + " (recorded series)", rule.getKey(), null, true));
            }
        } else {
            checks.add(new Check("injected: failed INSERT", "claw_ai_db_operation_duration_seconds_count{outcome=\"error\", "
                    + "operation=\"INSERT\", table=\"messages\", system=\"postgresql\"}", null, true));
            checks.add(new Check("injected: failed Jedis GET", "claw_ai_redis_operation_duration_seconds_count{outcome=\"error\", "
                    + "client=\"jedis\", command=\"GET\"}", null, true));
            checks.add(new Check("injected: failed Lettuce INCR", "claw_ai_redis_operation_duration_seconds_count{outcome=\"error\", "
                    + "client=\"lettuce\", command=\"INCR\"}", null, true));
        }
        for (Alert alert : alerts()) {
            boolean deferred = NEEDS_INJECTED_FAULT.containsKey(alert.name);
            List<PromQl.Operand> operands = PromQl.conditionOperands(alert.expr);
            for (int i = 0; i < operands.size(); i++) {
                PromQl.Operand op = operands.get(i);
                String where = "alert " + alert.name + "[" + alert.severity + "] condition"
                        + (operands.size() > 1 ? " operand " + (i + 1) : "") + (op.comparison().isEmpty() ? "" : " (without '" + op.comparison() + "')");
                if (afterFaults) {
                    if (deferred) {
                        checks.add(new Check(where, op.expr(), null, true));
                    }
                    continue;
                }
                if (deferred) {
                    checks.add(new Check(where, op.expr(), NEEDS_INJECTED_FAULT.get(alert.name), true));
                } else if (NO_SERIES_EXPECTED.containsKey(alert.name)) {
                    checks.add(new Check(where, op.expr(), NO_SERIES_EXPECTED.get(alert.name), true));
                } else if (op.absent()) {
                    checks.add(new Check(where.replace(" condition", " condition absent(X), X"), op.expr(), null, true));
                } else {
                    checks.add(new Check(where, op.expr(), null, true));
                }
            }
        }
        return checks;
    }

    /** Every dashboard query, with "All" and with real variable values, and every variable's values. */
    static List<Check> dashboardChecks() throws IOException {
        List<JsonNode> queries = listQueries();
        List<Check> checks = new ArrayList<>();
        Map<String, Map<String, List<String>>> valuesByDashboard = new LinkedHashMap<>();
        // Variables first, in their declared order (later ones use earlier ones).
        for (JsonNode q : queries) {
            if (!"variable".equals(q.path("refId").asText())) {
                continue;
            }
            String dashboard = q.path("dashboard").asText();
            String name = q.path("panel").asText().substring(1);
            Map<String, List<String>> values = valuesByDashboard.computeIfAbsent(dashboard, d -> new LinkedHashMap<>());
            Matcher m = Pattern.compile("^label_values\\((.*),\\s*(\\w+)\\)$").matcher(q.path("expr").asText());
            assertTrue(m.matches(), dashboard + " $" + name + ": not a label_values() query: " + q.path("expr").asText());
            String selector = substitute(m.group(1), values);
            List<String> found = prometheus.labelValues(selector, m.group(2));
            values.put(name, found);
            checks.add(new Check(dashboard + " / $" + name + " [All]", q.path("substituted").asText(), null, true));
            checks.add(new Check(dashboard + " / $" + name + " [values of " + m.group(2) + "]",
                    "group by (" + m.group(2) + ") (" + selector + ")", null, true));
        }
        for (JsonNode q : queries) {
            if ("variable".equals(q.path("refId").asText())) {
                continue;
            }
            String dashboard = q.path("dashboard").asText();
            String where = dashboard + " / " + q.path("panel").asText() + " / " + q.path("refId").asText();
            String raw = q.path("expr").asText();
            if ("loki".equals(q.path("datasource").asText())) {
                checks.add(new Check(where, raw, LOKI_REASON, false));
                continue;
            }
            String skip = NEEDS_ABSENT_COMPONENT.getOrDefault(where, NEEDS_ABSENT_COMPONENT.get(raw));
            Map<String, List<String>> values = valuesByDashboard.getOrDefault(dashboard, Map.of());
            checks.add(new Check(where + " [All]", q.path("substituted").asText(), skip, true));
            String withValues = substitute(raw, values);
            if (!withValues.equals(q.path("substituted").asText())) {
                checks.add(new Check(where + " [values " + usedValues(raw, values) + "]", withValues, skip, true));
            }
        }
        return checks;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][\\w:]*)\\}|\\[\\[(\\w+)\\]\\]|\\$([A-Za-z_]\\w*)");
    private static final Map<String, String> BUILTIN = Map.of("__rate_interval", "1m", "__interval", "1m", "__range", "1h",
            "__range_s", "3600", "__interval_ms", "60000");

    /** Grafana's substitution: built-in intervals by a fixed duration, variables by their values as a regex. */
    static String substitute(String expr, Map<String, List<String>> values) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = Stream.of(m.group(1), m.group(2), m.group(3)).filter(s -> s != null).findFirst().orElseThrow().split(":")[0];
            String replacement = m.group(0);
            if (BUILTIN.containsKey(name)) {
                replacement = BUILTIN.get(name);
            } else if (values.containsKey(name)) {
                // A variable without values stays unsubstituted: the query then fails to parse and is reported.
                replacement = values.get(name).isEmpty() ? m.group(0) : PromQl.regexValue(values.get(name));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String usedValues(String raw, Map<String, List<String>> values) {
        return values.entrySet().stream()
                .filter(e -> Pattern.compile("\\$\\{?" + e.getKey() + "\\b").matcher(raw).find())
                .map(e -> "$" + e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static List<Outcome> evaluate(List<Check> checks) {
        List<Outcome> out = new ArrayList<>();
        for (Check c : checks) {
            if (!c.mustEvaluate) {
                out.add(new Outcome(Status.SKIP, c, ""));
                continue;
            }
            PrometheusApi.Result r = prometheus.query(c.expr);
            if (!r.ok()) {
                out.add(new Outcome(Status.FAIL, c, r.describe()));
            } else if (c.skipReason != null) {
                out.add(new Outcome(Status.SKIP, c, "evaluates; " + r.describe()));
            } else if (!r.hasSeries()) {
                out.add(new Outcome(Status.FAIL, c, "no series"));
            } else {
                out.add(new Outcome(Status.PASS, c, r.describe()));
            }
        }
        return out;
    }

    static void printReport(String title, List<Outcome> outcomes) {
        Map<Status, Long> counts = outcomes.stream().collect(Collectors.groupingBy(Outcome::status, Collectors.counting()));
        StringBuilder b = new StringBuilder("==== ").append(title).append('\n');
        for (Status s : List.of(Status.FAIL, Status.SKIP, Status.PASS)) {
            for (Outcome o : outcomes) {
                if (o.status == s) {
                    b.append(o.line()).append('\n');
                }
            }
        }
        b.append(String.format("==== %d passed, %d skipped (reason each), %d failed%n", counts.getOrDefault(Status.PASS, 0L),
                counts.getOrDefault(Status.SKIP, 0L), counts.getOrDefault(Status.FAIL, 0L)));
        System.out.println(b);
    }

    /** Every rule group evaluates without error (health ok, no lastError). */
    static void assertRulesHealthy() throws IOException {
        JsonNode groups = prometheus.get("/api/v1/rules").path("data").path("groups");
        List<String> bad = new ArrayList<>();
        int n = 0;
        for (JsonNode g : groups) {
            for (JsonNode r : g.path("rules")) {
                n++;
                if (!"ok".equals(r.path("health").asText())) {
                    bad.add(g.path("name").asText() + "/" + r.path("name").asText() + ": " + r.path("health").asText() + " "
                            + r.path("lastError").asText());
                }
            }
        }
        assertTrue(n > 0, "Prometheus loaded no rules");
        assertTrue(bad.isEmpty(), "rules not healthy:\n" + String.join("\n", bad));
        System.out.println("all " + n + " rules loaded from the shipped files evaluate with health ok");
    }

    // ------------------------------------------------------------------ the shipped files

    record Alert(String name, String severity, String expr) {
    }

    static List<Path> ruleFiles() throws IOException {
        try (Stream<Path> files = Files.list(Repo.stack().resolve("prometheus/rules"))) {
            return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    static Map<String, String> recordingRules() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Path f : ruleFiles()) {
            for (JsonNode g : StackConfigs.YAML.readTree(f.toFile()).path("groups")) {
                for (JsonNode r : g.path("rules")) {
                    if (r.has("record")) {
                        out.put(r.path("record").asText(), r.path("expr").asText());
                    }
                }
            }
        }
        return out;
    }

    static List<Alert> alerts() throws IOException {
        List<Alert> out = new ArrayList<>();
        for (Path f : ruleFiles()) {
            for (JsonNode g : StackConfigs.YAML.readTree(f.toFile()).path("groups")) {
                for (JsonNode r : g.path("rules")) {
                    if (r.has("alert")) {
                        out.add(new Alert(r.path("alert").asText(), r.path("labels").path("severity").asText(), r.path("expr").asText()));
                    }
                }
            }
        }
        return out;
    }

    /** {@code check_stack.py list-queries}: every dashboard query, raw and with variables at "All". */
    static List<JsonNode> listQueries() throws IOException {
        Repo.Result r = Repo.run(Repo.root(), Duration.ofSeconds(60), Map.of(),
                List.of(python, "stack/tools/check_stack.py", "list-queries"));
        assertEquals(0, r.exitCode(), "check_stack.py list-queries:\n" + r.output());
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        assertFalse(out.isEmpty(), "no dashboard queries listed");
        return out;
    }

    // ------------------------------------------------------------------ helpers

    static String targetsReport() {
        try {
            StringBuilder b = new StringBuilder();
            for (JsonNode t : prometheus.get("/api/v1/targets?state=active").path("data").path("activeTargets")) {
                b.append(String.format("  %-5s %-18s %-14s %s %s%n", t.path("health").asText(), t.path("labels").path("job").asText() + " ",
                        t.path("labels").path("instance").asText(), t.path("scrapeUrl").asText(), t.path("lastError").asText()));
            }
            return b.toString();
        } catch (IOException e) {
            return "targets unavailable: " + e;
        }
    }

    /** The agent's metric families right now, for diagnosing a missing series. */
    static String metricsOverview() {
        try {
            String text = Http.get("http://127.0.0.1:" + agentPort + "/metrics").text();
            Map<String, Integer> families = new ConcurrentSkipListMap<>();
            for (String line : text.split("\n")) {
                if (line.startsWith("claw_ai_")) {
                    families.merge(line.split("[{ ]")[0], 1, Integer::sum);
                }
            }
            return "agent's claw_ai_* samples by name: " + families;
        } catch (IOException e) {
            return "agent scrape failed: " + e;
        }
    }

    static String logs() {
        StringBuilder b = new StringBuilder();
        for (AutoCloseable c : running) {
            if (c instanceof NativeProcess p) {
                b.append("---- ").append(p.name).append(" (alive=").append(p.isAlive()).append(")\n")
                        .append(Repo.tail(p.output(), 15)).append('\n');
            } else if (c instanceof ForkedJvm j) {
                b.append("---- sample app (alive=").append(j.isAlive()).append(")\n").append(Repo.tail(j.output(), 30)).append('\n');
            }
        }
        return b.toString();
    }

    private static NativeProcess start(String name, Map<String, String> env, String... command) throws IOException {
        NativeProcess p = NativeProcess.start(name, work, env, List.of(command));
        running.add(p);
        return p;
    }

    private static int freePort(Set<Integer> taken) {
        for (int i = 0; i < 50; i++) {
            int p = Ports.free();
            if (taken.add(p)) {
                return p;
            }
        }
        throw new IllegalStateException("no free port");
    }

    static void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(LocalServices.POSTGRES_URL, PG_USER, "");
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static String readOrEmpty(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Requests through Nginx, every route and outcome each round: created conversations, reads,
     * messages, lists, 400, 404 (unknown id and unrouted path), a failing model call (500) and
     * health checks. A new conversation every few rounds keeps under the app's rate limit.
     */
    static final class NginxTraffic implements Runnable {
        private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
        final String base;
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final AtomicInteger errors = new AtomicInteger();
        volatile boolean stop;

        NginxTraffic(String base) {
            this.base = base;
        }

        static long createConversation(String base, String title) throws IOException {
            Http.Response r = Http.post(base + "/api/conversations", "{\"title\":\"" + title + "\"}");
            Matcher m = ID.matcher(r.text());
            if (r.status() != 201 || !m.find()) {
                throw new IOException("POST /api/conversations through Nginx answered " + r.status() + ": " + r.text());
            }
            return Long.parseLong(m.group(1));
        }

        @Override
        public void run() {
            long id = -1;
            for (int round = 0; !stop; round++) {
                try {
                    if (round % 8 == 0) {
                        id = createConversation(base, "through nginx " + round);
                        record(201);
                    }
                    record(Http.get(base + "/api/conversations/" + id).status());
                    record(Http.post(base + "/api/conversations/" + id + "/messages", "{\"content\":\"How do I attach the agent?\"}").status());
                    record(Http.get(base + "/api/conversations/" + id + "/messages").status());
                    record(Http.post(base + "/api/conversations", "{\"title\":\"  \"}").status());
                    record(Http.get(base + "/api/conversations/987654321").status());
                    record(Http.get(base + "/api/no-such-route").status());
                    if (round % 3 == 0) {
                        record(Http.post(base + "/api/conversations/" + id + "/messages", "{\"content\":\"/fail\"}").status());
                    }
                    record(Http.get(base + "/api/health").status());
                } catch (IOException | RuntimeException e) {
                    errors.incrementAndGet();
                }
                Waits.sleep(150);
            }
        }

        private void record(int status) {
            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        }

        int count(int status) {
            AtomicInteger n = statuses.get(status);
            return n == null ? 0 : n.get();
        }

        String summary() {
            return "through Nginx: " + new ConcurrentSkipListMap<>(statuses) + " by status, " + errors.get() + " failed requests";
        }
    }
}
