package ai.claw.bench.micro;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import jakarta.servlet.ServletResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * One scrape of the agent's {@code /metrics} holding at least {@value #SERIES} series, asked for
 * as Prometheus asks (OpenMetrics preferred, gzip): the series are HTTP endpoints recorded
 * through the servlet instrumentation (a counter and two histograms each), plus the JVM
 * metrics. Runs with the agent only: without it there is nothing to scrape.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScrapeBenchmark {

    public static final int SERIES = 10_000;
    /** A file the setup writes the number of series to, for the driver's table. */
    public static final String REPORT_PROPERTY = "claw.bench.scrape.report";
    static final String ACCEPT = "application/openmetrics-text;version=1.0.0;q=0.9,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private URL url;

    @Setup
    public void setup() throws Exception {
        if (!AgentProbe.attached()) {
            throw new IllegalStateException("the scrape benchmark needs the agent");
        }
        AgentProbe.awaitReady();
        url = new URL(AgentProbe.metricsUrl());
        ServletBenchmark.HelloServlet servlet = new ServletBenchmark.HelloServlet();
        StubResponse response = new StubResponse();
        int endpoints = 0;
        int series = 0;
        while (series < SERIES) {
            for (int i = 0; i < 10; i++, endpoints++) { // 280 series a step: ends just past SERIES
                servlet.service(new StubRequest("GET", "/bench/" + letters(endpoints)), (ServletResponse) response);
            }
            series = series(new String(body(true), StandardCharsets.UTF_8));
        }
        String report = System.getProperty(REPORT_PROPERTY);
        if (report != null) {
            Files.write(Paths.get(report), Integer.toString(series).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Benchmark
    public int scrape() throws IOException {
        return body(false).length;
    }

    /** Series lines: everything but comments and the end marker. */
    static int series(String exposition) {
        int n = 0;
        for (String line : exposition.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                n++;
            }
        }
        return n;
    }

    private byte[] body(boolean decompress) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setRequestProperty("Accept", ACCEPT);
        c.setRequestProperty("Accept-Encoding", "gzip");
        if (c.getResponseCode() != 200) {
            throw new IOException("scrape answered " + c.getResponseCode());
        }
        byte[] raw;
        try (InputStream in = c.getInputStream()) {
            raw = in.readAllBytes();
        }
        if (!decompress || !"gzip".equals(c.getContentEncoding())) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return in.readAllBytes();
        }
    }

    /** 0 → "a", 25 → "z", 26 → "ba": path segments the agent keeps as they are (no digits). */
    static String letters(int n) {
        StringBuilder s = new StringBuilder();
        do {
            s.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return s.reverse().toString();
    }
}
