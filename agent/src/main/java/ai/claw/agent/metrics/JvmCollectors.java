package ai.claw.agent.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryPoolAllocationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmNativeMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.lang.management.ManagementFactory;

/**
 * The collectors of {@code JvmMetrics.builder().register(registry)}, registered one by one so
 * that the native-memory ones are asked for only when native memory tracking is on. Registering
 * them finds that out by running the {@code vmNativeMemory} diagnostic command through the
 * platform MBean server, which creates the server and every platform MBean, and describes every
 * diagnostic command: 2.6 MB allocated on the agent's thread while the application starts, for
 * metrics that exist only with {@code -XX:NativeMemoryTracking}.
 */
public final class JvmCollectors {

    private JvmCollectors() {
    }

    public static void register(PrometheusRegistry registry) {
        JvmThreadsMetrics.builder().register(registry);
        JvmBufferPoolMetrics.builder().register(registry);
        JvmClassLoadingMetrics.builder().register(registry);
        JvmCompilationMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
        JvmMemoryPoolAllocationMetrics.builder().register(registry);
        JvmMemoryMetrics.builder().register(registry);
        if (nativeMemoryTracking()) {
            JvmNativeMemoryMetrics.builder().register(registry);
        }
        JvmRuntimeInfoMetric.builder().register(registry);
        ProcessMetrics.builder().register(registry);
    }

    /**
     * Whether {@code -XX:NativeMemoryTracking} is on; true where the JVM cannot say (not HotSpot),
     * so the collector decides for itself as before.
     */
    static boolean nativeMemoryTracking() {
        try {
            com.sun.management.HotSpotDiagnosticMXBean hotSpot =
                    ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return hotSpot == null || !"off".equals(hotSpot.getVMOption("NativeMemoryTracking").getValue());
        } catch (RuntimeException | LinkageError e) {
            return true;
        }
    }
}
