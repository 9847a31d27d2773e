package ai.claw.it.reliability;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.MethodDelegation;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * An application that brings what the agent shades, unrelocated, in its own class loader: it
 * generates its servlet class at runtime with its own ByteBuddy (as Hibernate generates its
 * proxies), and counts requests with its own client_java under a name the agent also uses
 * ({@code claw_ai_http_requests_total}), with JVM metrics, in the default registry, served by its
 * own HTTPServer on the port its own configuration ({@code IO_PROMETHEUS_*}) names.
 * Usage: {@code ForeignApp <port>}.
 */
public final class ForeignApp {

    static final String OWN_ENDPOINT = "counted-by-the-application";

    private ForeignApp() {
    }

    /** What the generated servlet delegates {@code doGet} to. */
    public static final class Greeting {
        private final Counter requests;

        Greeting(Counter requests) {
            this.requests = requests;
        }

        public void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            requests.labelValues("GET", OWN_ENDPOINT, "200").inc();
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getWriter().print("generated servlet says hello " + req.getPathInfo().substring(1));
        }
    }

    public static void main(String[] args) throws Exception {
        Counter requests = Counter.builder().name("claw_ai_http_requests")
                .help("Requests counted by the application itself.")
                .labelNames("method", "endpoint", "status").register();
        JvmMetrics.builder().register();
        HTTPServer own = HTTPServer.builder().buildAndStart();

        Class<? extends HttpServlet> generated = new ByteBuddy()
                .subclass(HttpServlet.class)
                .name("ai.claw.it.reliability.GeneratedGreetingServlet")
                .method(named("doGet")).intercept(MethodDelegation.to(new Greeting(requests)))
                .make()
                .load(ForeignApp.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
                .getLoaded();

        Tomcat tomcat = new Tomcat();
        File base = Files.createTempDirectory("foreign-app").toFile();
        base.deleteOnExit();
        tomcat.setBaseDir(base.getAbsolutePath());
        tomcat.setPort(Integer.parseInt(args[0]));
        tomcat.getConnector();
        Context ctx = tomcat.addContext("", base.getAbsolutePath());
        Tomcat.addServlet(ctx, "generated", generated.getDeclaredConstructor().newInstance());
        ctx.addServletMappingDecoded("/greet/*", "generated");
        tomcat.start();
        System.out.println("foreign-app ready on " + args[0] + ", its own metrics on " + own.getPort());
        tomcat.getServer().await();
    }
}
