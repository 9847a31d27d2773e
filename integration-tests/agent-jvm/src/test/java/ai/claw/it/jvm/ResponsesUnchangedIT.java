package ai.claw.it.jvm;

import ai.claw.it.ForkedJvm;
import ai.claw.it.Http;
import ai.claw.it.Scrape;
import ai.claw.it.Waits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same requests against the same app with and without the agent get identical answers. */
class ResponsesUnchangedIT {

    record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    }

    @Test
    void statusHeadersAndBodiesAreByteForByteTheSame() throws Exception {
        List<Answer> without = run(null);
        List<Answer> with = run("");
        assertEquals(without.size(), with.size());
        for (int i = 0; i < without.size(); i++) {
            assertEquals(without.get(i).status(), with.get(i).status(), "request " + i);
            assertEquals(without.get(i).headers(), with.get(i).headers(), "request " + i);
            assertArrayEquals(without.get(i).body(), with.get(i).body(),
                    "request " + i + ":\n" + new String(without.get(i).body()) + "\n---\n" + new String(with.get(i).body()));
        }
        // The exception page names the application's exception and message, unchanged.
        assertTrue(new String(with.get(3).body()).contains("boom from the application"));
    }

    private List<Answer> run(String agentArgs) throws Exception {
        int port = Hello.freePort();
        int metricsPort = Hello.freePort();
        List<String> jvmArgs = agentArgs == null ? List.of() : List.of(Hello.agent("port=" + metricsPort));
        try (ForkedJvm jvm = Hello.start(port, jvmArgs, Map.of())) {
            if (agentArgs != null) {
                jvm.awaitHttp("http://127.0.0.1:" + metricsPort + "/metrics", Duration.ofSeconds(30));
            }
            String base = "http://127.0.0.1:" + port;
            List<Answer> answers = new ArrayList<>();
            answers.add(answer(Http.get(base + "/greet/world")));
            answers.add(answer(Http.post(base + "/echo", "{\"x\":[1,2,3]}")));
            answers.add(answer(Http.get(base + "/missing/page")));
            answers.add(answer(Http.get(base + "/boom")));
            answers.add(answer(Http.get(base + "/later")));
            if (agentArgs != null) {
                Waits.until(Duration.ofSeconds(5), "async request recorded", () -> Scrape.of(metricsPort)
                        .valueOrZero("claw_ai_http_requests_total", "method", "GET", "endpoint", "/later", "status", "200") == 1);
                Scrape s = Scrape.of(metricsPort);
                s.assertValue(1, "claw_ai_http_requests_total", "method", "GET", "endpoint", "/boom", "status", "500");
                s.assertValue(1, "claw_ai_http_requests_total", "method", "POST", "endpoint", "/echo", "status", "201");
                s.assertValue(13, "claw_ai_http_response_size_bytes_sum", "method", "POST", "endpoint", "/echo");
                assertTrue(s.value("claw_ai_http_request_duration_seconds_sum", "method", "GET", "endpoint", "/later") >= 0.3,
                        "async requests are timed to completion");
            }
            return answers;
        }
    }

    private static Answer answer(Http.Response r) {
        Map<String, List<String>> headers = new TreeMap<>(r.headers());
        headers.remove("date");
        return new Answer(r.status(), headers, r.body());
    }
}
