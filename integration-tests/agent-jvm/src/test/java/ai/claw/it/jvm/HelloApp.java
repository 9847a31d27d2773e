package ai.claw.it.jvm;

import jakarta.servlet.AsyncContext;
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
 * A small, deterministic Tomcat 10.1 app started in forked JVMs: fast to start, and its
 * responses are the same on every run, so runs with and without the agent compare byte for byte.
 * Usage: {@code HelloApp <port>}.
 */
public final class HelloApp {

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        File base = Files.createTempDirectory("hello-app").toFile();
        tomcat.setBaseDir(base.getAbsolutePath());
        tomcat.setPort(Integer.parseInt(args[0]));
        tomcat.getConnector();
        Context ctx = tomcat.addContext("", base.getAbsolutePath());
        Tomcat.addServlet(ctx, "greet", new GreetServlet());
        ctx.addServletMappingDecoded("/greet/*", "greet");
        Tomcat.addServlet(ctx, "echo", new EchoServlet());
        ctx.addServletMappingDecoded("/echo", "echo");
        Tomcat.addServlet(ctx, "boom", new BoomServlet());
        ctx.addServletMappingDecoded("/boom", "boom");
        Tomcat.addServlet(ctx, "later", new AsyncServlet()).setAsyncSupported(true);
        ctx.addServletMappingDecoded("/later", "later");
        tomcat.start();
        System.out.println("hello-app ready on " + args[0]);
        tomcat.getServer().await();
    }

    static final class GreetServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain;charset=UTF-8");
            resp.setHeader("X-Claw-Test", "greet");
            resp.getWriter().print("hello " + req.getPathInfo().substring(1));
        }
    }

    static final class EchoServlet extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            byte[] body = req.getInputStream().readAllBytes();
            resp.setStatus(201);
            resp.setContentType("application/octet-stream");
            resp.getOutputStream().write(body);
        }
    }

    static final class BoomServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            throw new IllegalStateException("boom from the application");
        }
    }

    static final class AsyncServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            AsyncContext async = req.startAsync();
            async.start(() -> {
                try {
                    Thread.sleep(300);
                    async.getResponse().setContentType("text/plain");
                    async.getResponse().getOutputStream().write("later".getBytes(StandardCharsets.UTF_8));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    async.complete();
                }
            });
        }
    }
}
