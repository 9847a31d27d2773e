package ai.claw.it.deploy;

import ai.claw.it.Ports;
import ai.claw.it.Waits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real Prometheus (Debian's 2.42 here) on a free loopback port, with its own data dir and log. */
final class Prometheus implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Process process;
    private final Path log;
    private final String baseUrl;
    private final HttpClient client;
    private final String authorization;

    private Prometheus(String name, Process process, Path log, String baseUrl, HttpClient client, String authorization) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
        this.client = client;
        this.authorization = authorization;
    }

    static String binary() {
        return Repo.requireTool("prometheus", "apt-get install --no-install-recommends prometheus");
    }

    /** Writes {@code config} (YAML or JSON) to {@code dir/name.yml} and starts Prometheus on it. */
    static Prometheus start(String name, Path dir, String config, List<String> extraArgs) throws IOException {
        return start(name, dir, config, extraArgs, null, null);
    }

    /** As {@link #start(String, Path, String, List)}; with {@code ssl} the API is https, with {@code user:password} basic auth. */
    static Prometheus start(String name, Path dir, String config, List<String> extraArgs, SSLContext ssl, String userPassword)
            throws IOException {
        String bin = binary();
        Path configFile = dir.resolve(name + ".yml");
        Files.writeString(configFile, config, StandardCharsets.UTF_8);
        Path data = Files.createDirectories(dir.resolve(name + "-data"));
        Path log = dir.resolve(name + ".log");
        int port = Ports.free();
        List<String> command = new ArrayList<>(List.of(bin,
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + data,
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=info"));
        command.addAll(extraArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        String auth = userPassword == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
        Prometheus p = new Prometheus(name, process, log, (ssl != null ? "https" : "http") + "://127.0.0.1:" + port,
                builder.build(), auth);
        try {
            Waits.until(Duration.ofSeconds(30), name + " ready", () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("exited");
                }
                return p.get("/-/ready").statusCode() == 200;
            });
        } catch (AssertionError e) {
            String out = p.log();
            p.close();
            throw new AssertionError(name + " did not become ready; log:\n" + out, e);
        }
        return p;
    }

    String url() {
        return baseUrl;
    }

    String address() {
        return baseUrl.substring(baseUrl.indexOf("//") + 2);
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<" + e + ">";
        }
    }

    HttpResponse<String> get(String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(name + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The instant vector of {@code promql}: data.result. */
    JsonNode query(String promql) {
        HttpResponse<String> r = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        try {
            JsonNode body = JSON.readTree(r.body());
            if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                throw new IllegalStateException(name + " query " + promql + " answered " + r.statusCode() + ": " + r.body());
            }
            return body.path("data").path("result");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code promql} returns exactly one series with value {@code expected}; returns that series. */
    JsonNode awaitSingle(String promql, String expected, Duration timeout) {
        JsonNode[] last = {null};
        try {
            Waits.until(timeout, name + ": " + promql + " == " + expected, () -> {
                JsonNode result = query(promql);
                last[0] = result;
                return result.size() == 1 && expected.equals(result.get(0).path("value").get(1).asText());
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last result " + last[0] + "\n" + name + " log tail:\n" + tail(), e);
        }
        return last[0].get(0);
    }

    /** Active scrape targets: data.activeTargets. */
    JsonNode activeTargets() {
        try {
            return JSON.readTree(get("/api/v1/targets?state=active").body()).path("data").path("activeTargets");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String tail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
