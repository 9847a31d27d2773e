package ai.claw.it.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The HTTP API of a real Prometheus: instant queries, targets, rules. */
final class PrometheusApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private final String base;

    PrometheusApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String base() {
        return base;
    }

    /**
     * The outcome of one instant query: an error, or the series (or scalar/string) it returned.
     * {@code series} holds each result's labels; a scalar counts as one unlabelled result.
     */
    record Result(String error, List<Map<String, String>> series, List<String> values) {
        boolean ok() {
            return error == null;
        }

        boolean hasSeries() {
            return error == null && !series.isEmpty();
        }

        String describe() {
            if (error != null) {
                return "error: " + error;
            }
            if (series.isEmpty()) {
                return "no series";
            }
            String first = series.get(0).isEmpty() ? "{}" : series.get(0).toString();
            return series.size() + " series, e.g. " + first + " = " + values.get(0);
        }
    }

    Result query(String promql) {
        JsonNode r;
        try {
            r = post("/api/v1/query", Map.of("query", promql));
        } catch (IOException e) {
            return new Result("request failed: " + e, List.of(), List.of());
        }
        if (!"success".equals(r.path("status").asText())) {
            return new Result(r.path("errorType").asText() + ": " + r.path("error").asText(), List.of(), List.of());
        }
        JsonNode data = r.path("data");
        List<Map<String, String>> series = new ArrayList<>();
        List<String> values = new ArrayList<>();
        switch (data.path("resultType").asText()) {
            case "vector", "matrix" -> {
                for (JsonNode s : data.path("result")) {
                    Map<String, String> labels = new TreeMap<>();
                    s.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                    series.add(labels);
                    values.add(s.has("value") ? s.path("value").path(1).asText() : s.path("values").size() + " samples");
                }
            }
            case "scalar", "string" -> {
                series.add(Map.of());
                values.add(data.path("result").path(1).asText());
            }
            default -> {
                return new Result("unexpected resultType " + data.path("resultType").asText(), List.of(), List.of());
            }
        }
        return new Result(null, series, values);
    }

    /** The values of {@code label} over the series {@code selector} selects now (Grafana's label_values). */
    List<String> labelValues(String selector, String label) {
        Result r = query("group by (" + label + ") (" + selector + ")");
        if (!r.ok()) {
            throw new AssertionError("label_values(" + selector + ", " + label + "): " + r.error());
        }
        Set<String> values = new LinkedHashSet<>();
        for (Map<String, String> s : r.series()) {
            String v = s.get(label);
            if (v != null && !v.isEmpty()) {
                values.add(v);
            }
        }
        return values.stream().sorted().collect(Collectors.toList());
    }

    JsonNode get(String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    JsonNode post(String path, Map<String, String> form) throws IOException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonNode send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            try {
                return JSON.readTree(r.body());
            } catch (IOException e) {
                throw new IOException("HTTP " + r.statusCode() + " with a body that is not JSON: " + r.body(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
