package ai.claw.bench.micro;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * One servlet request: {@code HttpServlet.service(ServletRequest, ServletResponse)}, the method
 * the agent instruments, on a trivial servlet with container-free request and response. Without
 * the agent this is a few calls; with it, the difference is everything the agent does per
 * request (in-flight gauge, endpoint label, counter, two histograms).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ServletBenchmark {

    static final String URI = "/bench/hello";

    private HttpServlet servlet;
    private ServletRequest request;
    private StubResponse response;

    @Setup
    public void setup() throws Exception {
        AgentProbe.awaitReady();
        servlet = new HelloServlet();
        request = new StubRequest("GET", URI);
        response = new StubResponse();
        for (int i = 0; i < 1000; i++) {
            request();
        }
        AgentProbe.requireSeries("claw_ai_http_requests_total{", "endpoint=\"" + URI + "\"", "method=\"GET\"", "status=\"200\"");
    }

    @Benchmark
    public void request() throws Exception {
        response.clear();
        servlet.service(request, (ServletResponse) response);
    }

    /** Writes a 5-byte body, as far as the agent can tell. */
    public static final class HelloServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            resp.setContentType("text/plain");
            ((StubResponse) resp).write(5);
        }
    }
}
