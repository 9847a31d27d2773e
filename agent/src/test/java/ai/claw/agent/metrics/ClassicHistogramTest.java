package ai.claw.agent.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClassicHistogramTest {

    private static final double[] BOUNDS = {0.005, 0.01, 0.1, 1};
    private static final double[] VALUES = {0.001, 0.005, 0.0051, 0.05, 0.5, 1, 3, Double.POSITIVE_INFINITY, -1, Double.NaN};

    /** The same observations give the same scrape, line for line, as client_java's classic-only histogram. */
    @Test
    void exposesExactlyWhatClientJavaWould() throws IOException {
        PrometheusRegistry ours = new PrometheusRegistry();
        ClassicHistogram histogram = new ClassicHistogram("claw_ai_test_seconds", "A test histogram.", new String[] {"method", "endpoint"}, BOUNDS);
        ours.register(histogram);
        PrometheusRegistry reference = new PrometheusRegistry();
        Histogram clientJava = Histogram.builder().name("claw_ai_test_seconds").help("A test histogram.")
                .labelNames("method", "endpoint").classicOnly().classicUpperBounds(BOUNDS).withoutExemplars().register(reference);

        DistributionDataPoint a = histogram.labelValues("GET", "/a");
        DistributionDataPoint b = histogram.labelValues("POST", "/b");
        for (double v : VALUES) {
            a.observe(v);
            clientJava.labelValues("GET", "/a").observe(v);
        }
        b.observe(0.2);
        clientJava.labelValues("POST", "/b").observe(0.2);

        for (ExpositionFormatWriter writer : new ExpositionFormatWriter[] {
            PrometheusTextFormatWriter.create(), OpenMetricsTextFormatWriter.create(), new OpenMetricsTextFormatWriter(true, true)}) {
            assertEquals(withoutCreatedValues(scrape(writer, reference)), withoutCreatedValues(scrape(writer, ours)), writer.getContentType());
        }
        assertEquals(9, a.getCount());
        assertEquals(clientJava.labelValues("GET", "/a").getSum(), a.getSum());
    }

    @Test
    void countsEveryObservationFromManyThreads() throws InterruptedException {
        ClassicHistogram histogram = new ClassicHistogram("claw_ai_test_seconds", "A test histogram.", new String[0], BOUNDS);
        DistributionDataPoint p = histogram.labelValues();
        int threads = 4;
        int each = 50_000;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    p.observe(0.5);
                }
                done.countDown();
            }).start();
        }
        done.await();
        assertEquals(threads * each, p.getCount());
        assertEquals(threads * each * 0.5, p.getSum(), 1e-6);
        assertEquals(threads * (long) each, histogram.collect().getDataPoints().get(0).getCount());
    }

    @Test
    void aSecondRegistrationUnderTheSameNameIsRefused() {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new ClassicHistogram("claw_ai_test_seconds", "A test histogram.", new String[0], BOUNDS));
        assertThrows(IllegalArgumentException.class,
                () -> registry.register(new ClassicHistogram("claw_ai_test_seconds", "Again.", new String[0], BOUNDS)));
    }

    private static String scrape(ExpositionFormatWriter writer, PrometheusRegistry registry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, registry.scrape(), EscapingScheme.DEFAULT);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Creation timestamps are when each data point was made, so they differ between the two. */
    private static String withoutCreatedValues(String scrape) {
        return scrape.replaceAll("(?m)^(\\S+_created\\{[^}]*\\}) \\S+$", "$1 T");
    }
}
