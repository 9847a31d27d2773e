package ai.claw.it.ai.annotations;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import ai.claw.it.ForkedJvm;
import ai.claw.it.Ports;
import ai.claw.it.Scrape;
import ai.claw.it.Waits;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Annotated classes and ClawMetrics already loaded and running when the agent attaches are retransformed. */
class AttachAnnotationsIT {

    @Test
    void annotationsLoadedBeforeAttachRecordAfterIt() throws Exception {
        try (ForkedJvm app = ForkedJvm.start(List.of("-XX:+EnableDynamicAgentLoading", "-cp", System.getProperty("java.class.path")),
                List.of(AttachTarget.class.getName()), Map.of())) {
            app.awaitOutput("ready", Duration.ofSeconds(30));
            int metrics = Ports.free();
            try (ForkedJvm attach = ForkedJvm.start(List.of(),
                    List.of("-jar", ForkedJvm.agentJar(), "attach", Long.toString(app.pid()), "port=" + metrics), Map.of())) {
                assertEquals(0, attach.waitFor(Duration.ofSeconds(60)), attach.output());
            }
            app.awaitHttp("http://127.0.0.1:" + metrics + "/-/healthy", Duration.ofSeconds(60));
            Waits.until(Duration.ofSeconds(20), "calls recorded after attach", () -> {
                Scrape s = Scrape.of(metrics);
                return s.valueOrZero("claw_ai_ai_response_duration_seconds_count", "model", "attached", "outcome", "success") > 0
                        && s.valueOrZero("claw_ai_messages_total", "role", "attached-role") > 0;
            });
        }
    }
}
