package ai.claw.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * The worst case for an agent: embedded Tomcat 10.1 with one trivial servlet, so nearly all of a
 * request's cost is the container's and whatever an agent adds shows in full. Usage:
 * {@code HelloApp <port>}; serves {@code GET /hello}.
 */
public final class HelloApp {

    private HelloApp() {
    }

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        File base = Files.createTempDirectory("bench-hello").toFile();
        base.deleteOnExit();
        tomcat.setBaseDir(base.getAbsolutePath());
        tomcat.setPort(Integer.parseInt(args[0]));
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context ctx = tomcat.addContext("", base.getAbsolutePath());
        Tomcat.addServlet(ctx, "hello", new HelloServlet());
        ctx.addServletMappingDecoded("/hello", "hello");
        tomcat.start();
        tomcat.getServer().await();
    }

    static final class HelloServlet extends HttpServlet {
        private static final byte[] BODY = "hello".getBytes(StandardCharsets.UTF_8);

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.setContentLength(BODY.length);
            resp.getOutputStream().write(BODY);
        }
    }
}
