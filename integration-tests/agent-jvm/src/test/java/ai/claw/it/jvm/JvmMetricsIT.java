package ai.claw.it.jvm;

import ai.claw.it.ForkedJvm;
import ai.claw.it.Ports;
import ai.claw.it.Scrape;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JVM metrics: every collector of client_java's {@code JvmMetrics}, the native-memory ones
 * exactly when the JVM tracks native memory.
 */
class JvmMetricsIT {

    private static final List<String> ALWAYS = List.of("jvm_threads_current", "jvm_buffer_pool_used_bytes",
            "jvm_classes_currently_loaded", "jvm_compilation_time_seconds_total", "jvm_gc_collection_seconds_count",
            "jvm_memory_used_bytes", "jvm_runtime_info", "process_cpu_seconds_total");

    private static Scrape scrape(List<String> jvmArgs) throws Exception {
        int metrics = Ports.free();
        List<String> args = new ArrayList<>(jvmArgs);
        args.add(Hello.agent("port=" + metrics));
        try (ForkedJvm jvm = Hello.start(Ports.free(), args, Map.of())) {
            jvm.awaitHttp("http://127.0.0.1:" + metrics + "/-/healthy", Duration.ofSeconds(30));
            return Scrape.of(metrics);
        }
    }

    private static void assertAlwaysThere(Scrape s) {
        for (String name : ALWAYS) {
            assertFalse(s.samples(name).isEmpty(), name + " missing");
        }
    }

    @Test
    void withoutNativeMemoryTrackingNoNativeMemorySeries() throws Exception {
        Scrape s = scrape(List.of());
        assertAlwaysThere(s);
        assertFalse(s.text().contains("jvm_native_memory"), "native memory series without -XX:NativeMemoryTracking");
    }

    @Test
    void withNativeMemoryTrackingItsSeriesAreThere() throws Exception {
        Scrape s = scrape(List.of("-XX:NativeMemoryTracking=summary"));
        assertAlwaysThere(s);
        Double total = s.value("jvm_native_memory_committed_bytes", "pool", "Total");
        assertNotNull(total, s.describe("jvm_native_memory_committed_bytes"));
        assertTrue(total > 1e6, "committed native memory " + total);
        assertEquals(1, s.samples("jvm_native_memory_reserved_bytes").stream().filter(x -> "Total".equals(x.label("pool"))).count());
    }
}
