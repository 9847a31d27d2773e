package ai.claw.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** One scrape of a Prometheus text exposition, parsed into samples, with exact-value lookups. */
public final class Scrape {

    /** One line: name, labels in order, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public String label(String key) {
            return labels.get(key);
        }
    }

    private final String text;
    private final List<Sample> samples;

    private Scrape(String text, List<Sample> samples) {
        this.text = text;
        this.samples = samples;
    }

    /** Scrapes the agent's {@code /metrics} on 127.0.0.1:port. */
    public static Scrape of(int port) {
        try {
            Http.Response r = Http.get("http://127.0.0.1:" + port + "/metrics");
            if (r.status() != 200) {
                fail("scrape of :" + port + " answered " + r.status() + ": " + r.text());
            }
            return parse(r.text());
        } catch (IOException e) {
            throw new AssertionError("cannot scrape metrics on :" + port + ": " + e, e);
        }
    }

    /**
     * Scrapes the port named by the {@code claw.it.metrics.port} system property (the surefire
     * JVM's own agent), first waiting for the agent to open it: the agent starts in the
     * background and opens its port once instrumentation is in place.
     */
    public static Scrape own() {
        awaitOwnAgent();
        return of(Integer.getInteger("claw.it.metrics.port"));
    }

    /** Waits (once per JVM) until this JVM's agent serves its port; call before exercising the library under test. */
    public static synchronized void awaitOwnAgent() {
        if (ownAgentReady) {
            return;
        }
        Integer port = Integer.getInteger("claw.it.metrics.port");
        if (port == null) {
            throw new IllegalStateException("claw.it.metrics.port is not set: is this test running under the integration-tests parent?");
        }
        Waits.until(java.time.Duration.ofSeconds(60), "the agent's metrics port " + port, () -> Ports.isOpen("127.0.0.1", port));
        ownAgentReady = true;
    }

    private static boolean ownAgentReady;

    public static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            samples.add(parseLine(line));
        }
        return new Scrape(text, Collections.unmodifiableList(samples));
    }

    public String text() {
        return text;
    }

    public List<Sample> samples() {
        return samples;
    }

    public List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name.equals(name)).collect(Collectors.toList());
    }

    /**
     * The value of the sample with exactly these labels ({@code "k1", "v1", "k2", "v2"}), or null.
     * Labels not named must be absent, except {@code le} and {@code quantile} are never implied.
     */
    public Double value(String name, String... labelPairs) {
        Map<String, String> wanted = pairs(labelPairs);
        for (Sample s : samples) {
            if (s.name.equals(name) && s.labels.equals(wanted)) {
                return s.value;
            }
        }
        return null;
    }

    /** Like {@link #value} but 0 when the series does not exist (counters not yet touched). */
    public double valueOrZero(String name, String... labelPairs) {
        Double v = value(name, labelPairs);
        return v == null ? 0 : v;
    }

    /** Sum over every series of {@code name} whose labels include the given pairs. */
    public double sum(String name, String... labelPairs) {
        Map<String, String> wanted = pairs(labelPairs);
        return samples.stream()
                .filter(s -> s.name.equals(name) && s.labels.entrySet().containsAll(wanted.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    /** Fails with the whole metric's series listed when the exact series does not hold {@code expected}. */
    public void assertValue(double expected, String name, String... labelPairs) {
        Double actual = value(name, labelPairs);
        if (actual == null) {
            fail("no series " + name + pairs(labelPairs) + "; series of that name:\n" + describe(name));
        }
        assertEquals(expected, actual, 1e-9, name + pairs(labelPairs) + "; series of that name:\n" + describe(name));
    }

    public String describe(String name) {
        return samples(name).stream().map(s -> "  " + s.labels + " " + s.value).collect(Collectors.joining("\n"));
    }

    private static Map<String, String> pairs(String... labelPairs) {
        if (labelPairs.length % 2 != 0) {
            throw new IllegalArgumentException("label pairs must come as key, value, ...");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            m.put(labelPairs[i], labelPairs[i + 1]);
        }
        return m;
    }

    private static Sample parseLine(String line) {
        int brace = line.indexOf('{');
        int space;
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        if (brace >= 0 && brace < line.indexOf(' ')) {
            name = line.substring(0, brace);
            int i = brace + 1;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String key = line.substring(i, eq).trim();
                StringBuilder value = new StringBuilder();
                int j = eq + 2; // skip ="
                while (line.charAt(j) != '"') {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                    j++;
                }
                labels.put(key, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            space = line.indexOf(' ', i);
        } else {
            space = line.indexOf(' ');
            name = line.substring(0, space);
        }
        String rest = line.substring(space + 1).trim();
        int end = rest.indexOf(' ');
        String number = end < 0 ? rest : rest.substring(0, end);
        double value = switch (number) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(number);
        };
        return new Sample(Objects.requireNonNull(name), Collections.unmodifiableMap(labels), value);
    }
}
