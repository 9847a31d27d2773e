package ai.claw.agent.metrics;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A classic (fixed-bucket) histogram exposed exactly as client_java's {@code Histogram} with
 * {@code classicOnly()} and no exemplars, but cheaper to record into: one bucket increment and
 * one sum addition per observation, nothing allocated. client_java 1.10's
 * {@code Histogram.DataPoint.observe} also bumps a striped observation count and passes a
 * capturing lambda per call (allocated whenever escape analysis fails, as it does inlined into
 * a driver's large methods), and costs about twice as much.
 *
 * <p>The count is the sum of the buckets, so {@code _count} always equals the {@code +Inf}
 * bucket; a scrape racing with an observation may see its bucket without its sum, which the next
 * scrape corrects.
 */
final class ClassicHistogram implements Collector {

    private final MetricMetadata metadata;
    private final String[] labelNames;
    /** Upper bounds, {@code +Inf} last. */
    private final double[] bounds;
    private final ConcurrentLinkedQueue<Point> points = new ConcurrentLinkedQueue<>();

    ClassicHistogram(String name, String help, String[] labelNames, double[] upperBounds) {
        this.metadata = new MetricMetadata(name, help);
        this.labelNames = labelNames.clone();
        this.bounds = Arrays.copyOf(upperBounds, upperBounds.length + 1);
        this.bounds[upperBounds.length] = Double.POSITIVE_INFINITY;
    }

    /** The data point of a new label set ({@link BoundedSeries} asks once per set). */
    DistributionDataPoint labelValues(String... values) {
        Point p = new Point(Labels.of(labelNames, values), bounds);
        points.add(p);
        return p;
    }

    @Override
    public HistogramSnapshot collect() {
        List<HistogramSnapshot.HistogramDataPointSnapshot> snapshots = new ArrayList<>();
        for (Point p : points) {
            snapshots.add(p.snapshot(bounds));
        }
        return new HistogramSnapshot(metadata, snapshots);
    }

    @Override
    public String getPrometheusName() {
        return metadata.getPrometheusName();
    }

    @Override
    public MetricType getMetricType() {
        return MetricType.HISTOGRAM;
    }

    @Override
    public Set<String> getLabelNames() {
        return new HashSet<>(Arrays.asList(labelNames));
    }

    @Override
    public MetricMetadata getMetadata() {
        return metadata;
    }

    /** One label set's buckets (not cumulative) and sum. */
    static final class Point implements DistributionDataPoint {
        private final Labels labels;
        private final double[] bounds;
        private final LongAdder[] buckets;
        private final DoubleAdder sum = new DoubleAdder();
        private final long createdMillis = System.currentTimeMillis();

        Point(Labels labels, double[] bounds) {
            this.labels = labels;
            this.bounds = bounds;
            this.buckets = new LongAdder[bounds.length];
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        @Override
        public void observe(double value) {
            if (Double.isNaN(value)) {
                return;
            }
            int i = 0;
            while (value > bounds[i]) { // the last bound is +Inf: always stops
                i++;
            }
            buckets[i].increment();
            sum.add(value);
        }

        @Override
        public void observeWithExemplar(double value, Labels exemplarLabels) {
            observe(value);
        }

        @Override
        public long getCount() {
            long n = 0;
            for (LongAdder b : buckets) {
                n += b.sum();
            }
            return n;
        }

        @Override
        public double getSum() {
            return sum.sum();
        }

        HistogramSnapshot.HistogramDataPointSnapshot snapshot(double[] upperBounds) {
            long[] counts = new long[buckets.length];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = buckets[i].sum();
            }
            return new HistogramSnapshot.HistogramDataPointSnapshot(ClassicHistogramBuckets.of(upperBounds, counts),
                    sum.sum(), labels, Exemplars.EMPTY, createdMillis);
        }
    }
}
