package ai.claw.it.jvm;

import ai.claw.it.ForkedJvm;
import ai.claw.it.Http;
import ai.claw.it.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration through every source, and bad input, in real JVMs. */
class AgentConfigIT {

    @TempDir
    Path dir;

    private static long count(String output, String text) {
        return output.lines().filter(l -> l.contains(text)).count();
    }

    private static void assertServes(int port) throws Exception {
        Http.Response r = Http.get("http://127.0.0.1:" + port + "/greet/ok");
        assertEquals(200, r.status());
        assertEquals("hello ok", r.text());
    }

    @Test
    void agentArgumentsBeatSystemPropertiesBeatEnvironmentBeatFile() throws Exception {
        int[] p = {Ports.free(), Ports.free(), Ports.free(), Ports.free()};
        Path file = dir.resolve("claw.properties");
        Files.writeString(file, "port=" + p[3] + "\n");
        Map<String, String> env = Map.of("CLAW_AI_PORT", Integer.toString(p[2]), "CLAW_AI_CONFIG", file.toString());
        int app = Ports.free();
        try (ForkedJvm jvm = Hello.start(app, List.of(Hello.agent("port=" + p[0]), "-Dclaw.ai.port=" + p[1]), env)) {
            jvm.awaitHttp("http://127.0.0.1:" + p[0] + "/-/healthy", Duration.ofSeconds(30));
            assertFalse(Ports.isOpen("127.0.0.1", p[1]) || Ports.isOpen("127.0.0.1", p[2]) || Ports.isOpen("127.0.0.1", p[3]));
        }
        app = Ports.free();
        try (ForkedJvm jvm = Hello.start(app, List.of(Hello.agent(""), "-Dclaw.ai.port=" + p[1]), env)) {
            jvm.awaitHttp("http://127.0.0.1:" + p[1] + "/-/healthy", Duration.ofSeconds(30));
        }
        app = Ports.free();
        try (ForkedJvm jvm = Hello.start(app, List.of(Hello.agent("")), env)) {
            jvm.awaitHttp("http://127.0.0.1:" + p[2] + "/-/healthy", Duration.ofSeconds(30));
        }
        app = Ports.free();
        try (ForkedJvm jvm = Hello.start(app, List.of(Hello.agent("")), Map.of("CLAW_AI_CONFIG", file.toString()))) {
            jvm.awaitHttp("http://127.0.0.1:" + p[3] + "/-/healthy", Duration.ofSeconds(30));
            assertServes(app);
        }
    }

    @Test
    void badInputGetsOneClearLineEachAndTheAppRunsUnharmed() throws Exception {
        int metrics = Ports.free();
        int app = Ports.free();
        Map<String, String> env = Map.of("CLAW_AI_CONFIG", dir.resolve("absent.properties").toString(), "CLAW_AI_NONSENSE", "1");
        try (ForkedJvm jvm = Hello.start(app,
                List.of(Hello.agent("prot=1,port=abc,log.level=loud,cardinality.limit=-5,justaword"), "-Dclaw.ai.port=" + metrics), env)) {
            jvm.awaitHttp("http://127.0.0.1:" + metrics + "/-/healthy", Duration.ofSeconds(30));
            assertServes(app);
            String out = jvm.output();
            assertEquals(1, count(out, "unknown config key 'prot' in agent arguments"), out);
            assertEquals(1, count(out, "'port' from agent arguments has invalid value 'abc'"), out);
            assertEquals(1, count(out, "'log.level' from agent arguments has invalid value 'loud'"), out);
            assertEquals(1, count(out, "'cardinality.limit' from agent arguments has invalid value '-5'"), out);
            assertEquals(1, count(out, "agent argument 'justaword' is not of the form key=value"), out);
            assertEquals(1, count(out, "unknown environment variable CLAW_AI_NONSENSE"), out);
            assertEquals(1, count(out, "absent.properties' cannot be read"), out);
            assertEquals(7, count(out, "[claw-ai-agent] WARN"), out);
            assertEquals(1, count(out, "[claw-ai-agent] INFO started"), out);
        }
    }

    @Test
    void aTakenPortIsOneWarningAndTheApplicationServes() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            int app = Ports.free();
            try (ForkedJvm jvm = Hello.start(app, List.of(Hello.agent("port=" + taken.getLocalPort())), Map.of())) {
                jvm.awaitOutput("cannot serve metrics", Duration.ofSeconds(30));
                assertServes(app);
                String out = jvm.output();
                assertEquals(1, count(out, "[claw-ai-agent] WARN"), out);
                assertTrue(out.contains("the application runs on without the metrics endpoint"), out);
                assertTrue(jvm.isAlive());
            }
        }
    }

    @Test
    void theAgentAttachedTwiceStartsOnce() throws Exception {
        int first = Ports.free();
        int second = Ports.free();
        int app = Ports.free();
        try (ForkedJvm jvm = Hello.start(app, List.of(Hello.agent("port=" + first), Hello.agent("port=" + second)), Map.of())) {
            jvm.awaitHttp("http://127.0.0.1:" + first + "/-/healthy", Duration.ofSeconds(30));
            assertServes(app);
            assertFalse(Ports.isOpen("127.0.0.1", second));
            assertEquals(1, count(jvm.output(), "already running in this JVM"), jvm.output());
            ai.claw.it.Scrape.of(first).assertValue(1, "claw_ai_http_requests_total",
                    "method", "GET", "endpoint", "/greet/ok", "status", "200");
        }
    }

    @Test
    void basicAuthGuardsTheMetricsEndpoint() throws Exception {
        int metrics = Ports.free();
        int app = Ports.free();
        try (ForkedJvm jvm = Hello.start(app, List.of(Hello.agent("port=" + metrics + ",auth.username=prom,auth.password=s3cr3t")), Map.of())) {
            String url = "http://127.0.0.1:" + metrics + "/metrics";
            jvm.awaitHttp(url, Duration.ofSeconds(30));
            assertEquals(401, Http.get(url).status());
            assertEquals(401, Http.get(url, "Authorization", basic("prom", "wrong")).status());
            Http.Response ok = Http.get(url, "Authorization", basic("prom", "s3cr3t"));
            assertEquals(200, ok.status());
            assertTrue(ok.text().contains("claw_ai_agent_info"));
            assertFalse(jvm.output().contains("s3cr3t"), "the password is never logged");
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
