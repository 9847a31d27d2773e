package ai.claw.it.jvm;

import ai.claw.it.ForkedJvm;
import ai.claw.it.Http;
import ai.claw.it.Ports;
import ai.claw.it.Scrape;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar claw-ai-agent.jar list|attach} against a running sample app. */
class AttachIT {

    @Test
    void attachToARunningAppRecordsEveryRequestFromThenOn() throws Exception {
        SampleApp app = SampleApp.start(null, List.of(), Map.of());
        try (ForkedJvm ignored = app.jvm) {
            for (int i = 0; i < 3; i++) {
                assertEquals(201, Http.post(app.url("/api/conversations"), "{\"title\":\"before\"}").status());
            }

            try (ForkedJvm list = ForkedJvm.start(List.of(), List.of("-jar", ForkedJvm.agentJar(), "list"), Map.of())) {
                assertEquals(0, list.waitFor(Duration.ofSeconds(60)), list.output());
                assertTrue(list.output().contains(app.jvm.pid() + "\t"), list.output());
            }

            int metrics = Ports.free();
            try (ForkedJvm attach = ForkedJvm.start(List.of(),
                    List.of("-jar", ForkedJvm.agentJar(), "attach", Long.toString(app.jvm.pid()), "port=" + metrics), Map.of())) {
                assertEquals(0, attach.waitFor(Duration.ofSeconds(60)), attach.output());
                assertTrue(attach.output().contains("attached"), attach.output());
            }
            app.jvm.awaitHttp("http://127.0.0.1:" + metrics + "/-/healthy", Duration.ofSeconds(60));

            for (int i = 0; i < 4; i++) {
                assertEquals(201, Http.post(app.url("/api/conversations"), "{\"title\":\"after\"}").status());
            }
            Scrape s = Scrape.of(metrics);
            s.assertValue(4, "claw_ai_http_requests_total", "method", "POST", "endpoint", "/api/conversations", "status", "201");
            assertTrue(app.jvm.output().contains("[claw-ai-agent] INFO started"), app.jvm.output());
            assertTrue(app.jvm.output().contains("(attach)"), app.jvm.output());
        }
    }

    @Test
    void badAttachInputGetsAClearMessage() throws Exception {
        try (ForkedJvm cli = ForkedJvm.start(List.of(), List.of("-jar", ForkedJvm.agentJar(), "attach", "notapid"), Map.of())) {
            assertEquals(2, cli.waitFor(Duration.ofSeconds(30)));
            assertTrue(cli.output().contains("'notapid' is not a process id"), cli.output());
        }
        try (ForkedJvm cli = ForkedJvm.start(List.of(), List.of("-jar", ForkedJvm.agentJar()), Map.of())) {
            assertEquals(2, cli.waitFor(Duration.ofSeconds(30)));
            assertTrue(cli.output().contains("usage:"), cli.output());
        }
    }
}
