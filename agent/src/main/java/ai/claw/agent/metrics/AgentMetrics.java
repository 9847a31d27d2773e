package ai.claw.agent.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The agent's metrics, built from {@link ClawMetric} into a private registry (never the
 * application's {@code PrometheusRegistry.defaultRegistry}), each bounded by
 * {@code cardinality.limit}.
 */
public final class AgentMetrics {

    /** Where swallowed failures happen: in advice, while transforming a class, in a scrape-time gauge. */
    public static final String[] ERROR_KINDS = {"advice", "transform", "gauge"};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final int limit;
    private final Map<ClawMetric, BoundedSeries<?>> series = new EnumMap<>(ClawMetric.class);
    private final Map<ClawMetric, List<Consumer<GaugeWithCallback.Callback>>> gauges = new EnumMap<>(ClawMetric.class);
    private final Counter folded;
    private final Counter errors;

    public AgentMetrics(int cardinalityLimit, String version) {
        this.limit = cardinalityLimit;
        folded = Counter.builder().name(ClawMetric.AGENT_CARDINALITY_FOLDED.baseName())
                .help(ClawMetric.AGENT_CARDINALITY_FOLDED.help).labelNames("metric").withoutExemplars().register(registry);
        errors = Counter.builder().name(ClawMetric.AGENT_ERRORS.baseName())
                .help(ClawMetric.AGENT_ERRORS.help).labelNames("kind").withoutExemplars().register(registry);
        for (String kind : ERROR_KINDS) {
            errors.labelValues(kind); // present at 0, so increase() sees the first error
        }
        Info.builder().name(ClawMetric.AGENT_INFO.baseName()).help(ClawMetric.AGENT_INFO.help)
                .labelNames("version").register(registry).setLabelValues(version);
        for (ClawMetric metric : ClawMetric.values()) {
            if (metric.type == ClawMetric.Type.COUNTER && metric.name.startsWith("claw_ai_agent_")) {
                continue;
            }
            switch (metric.type) {
                case COUNTER:
                    Counter counter = Counter.builder().name(metric.baseName()).help(metric.help)
                            .labelNames(labelNames(metric)).withoutExemplars().register(registry);
                    series.put(metric, bounded(metric, counter::labelValues));
                    break;
                case HISTOGRAM:
                    ClassicHistogram histogram = new ClassicHistogram(metric.name, metric.help, labelNames(metric), metric.buckets);
                    registry.register(histogram);
                    series.put(metric, bounded(metric, histogram::labelValues));
                    break;
                default:
                    break;
            }
        }
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    @SuppressWarnings("unchecked")
    public BoundedSeries<CounterDataPoint> counter(ClawMetric metric) {
        return (BoundedSeries<CounterDataPoint>) require(metric, ClawMetric.Type.COUNTER);
    }

    @SuppressWarnings("unchecked")
    public BoundedSeries<DistributionDataPoint> histogram(ClawMetric metric) {
        return (BoundedSeries<DistributionDataPoint>) require(metric, ClawMetric.Type.HISTOGRAM);
    }

    /**
     * Adds a source of values to a gauge metric read at scrape time; several sources (e.g. one
     * per pool library) may feed one gauge. A source that throws is counted and skipped.
     */
    public synchronized void gauge(ClawMetric metric, Consumer<GaugeWithCallback.Callback> source) {
        if (metric.type != ClawMetric.Type.GAUGE) {
            throw new IllegalArgumentException(metric.name + " is not a gauge");
        }
        List<Consumer<GaugeWithCallback.Callback>> sources = gauges.get(metric);
        if (sources == null) {
            final List<Consumer<GaugeWithCallback.Callback>> all = new CopyOnWriteArrayList<>();
            gauges.put(metric, all);
            sources = all;
            GaugeWithCallback.builder().name(metric.name).help(metric.help).labelNames(labelNames(metric))
                    .callback(callback -> {
                        for (Consumer<GaugeWithCallback.Callback> s : all) {
                            try {
                                s.accept(callback);
                            } catch (RuntimeException | LinkageError e) {
                                agentError("gauge");
                            }
                        }
                    }).register(registry);
        }
        sources.add(source);
    }

    /** Counts a failure the agent swallowed; {@code kind} is a fixed word like "advice". */
    public void agentError(String kind) {
        errors.labelValues(kind).inc();
    }

    public double agentErrors(String kind) {
        return errors.labelValues(kind).get();
    }

    private BoundedSeries<?> require(ClawMetric metric, ClawMetric.Type type) {
        if (metric.type != type) {
            throw new IllegalArgumentException(metric.name + " is a " + metric.type + ", not a " + type);
        }
        return series.get(metric);
    }

    private <P> BoundedSeries<P> bounded(final ClawMetric metric, final BoundedSeries.Factory<P> factory) {
        final CounterDataPoint foldCount = folded.labelValues(metric.name);
        return new BoundedSeries<>(metric.labels.size(), limit, metric.foldable, factory, foldCount::inc);
    }

    private static String[] labelNames(ClawMetric metric) {
        return metric.labels.toArray(new String[0]);
    }
}
