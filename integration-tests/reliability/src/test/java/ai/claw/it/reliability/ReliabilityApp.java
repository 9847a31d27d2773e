package ai.claw.it.reliability;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The application the reliability tests run, with and without the agent: embedded Tomcat 10.1
 * (optionally on virtual threads) over H2, Jedis, Lettuce and annotated AI code.
 * Usage: {@code ReliabilityApp <port> [virtual]}.
 *
 * <ul>
 *   <li>{@code GET /greet/<name>}: {@code hello <name>} (any name: the URL flood's target)</li>
 *   <li>{@code POST /echo}: the body back, 201</li>
 *   <li>{@code GET /boom[?msg=...]}: throws {@link IllegalStateException} with that message</li>
 *   <li>{@code GET /later}: an async response, completed 100 ms later</li>
 *   <li>{@code GET /run?op=...}: {@link Workloads#run}</li>
 *   <li>{@code GET /behaviour}: {@link Workloads#transcript()}</li>
 *   <li>{@code GET /state}: heap used after GC, threads, file descriptors, thread names</li>
 * </ul>
 */
public final class ReliabilityApp {

    private ReliabilityApp() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        boolean virtual = args.length > 1 && "virtual".equals(args[1]);
        Workloads work = new Workloads();

        Tomcat tomcat = new Tomcat();
        File base = Files.createTempDirectory("reliability-app").toFile();
        base.deleteOnExit();
        tomcat.setBaseDir(base.getAbsolutePath());
        tomcat.setPort(port);
        Connector connector = tomcat.getConnector();
        connector.setProperty("maxKeepAliveRequests", "-1");
        if (virtual && !connector.setProperty("useVirtualThreads", "true")) {
            throw new IllegalStateException("this Tomcat cannot serve on virtual threads");
        }
        Context ctx = tomcat.addContext("", base.getAbsolutePath());
        add(ctx, "/greet/*", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("text/plain;charset=UTF-8");
                resp.setHeader("X-Claw-Test", "greet");
                resp.getWriter().print("hello " + req.getPathInfo().substring(1));
            }
        });
        add(ctx, "/echo", new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                byte[] body = req.getInputStream().readAllBytes();
                resp.setStatus(201);
                resp.setContentType("application/octet-stream");
                resp.getOutputStream().write(body);
            }
        });
        add(ctx, "/boom", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                String msg = req.getParameter("msg");
                throw new IllegalStateException(msg != null ? msg : "boom from the application");
            }
        });
        Tomcat.addServlet(ctx, "later", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                AsyncContext async = req.startAsync();
                CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(() -> {
                    try {
                        async.getResponse().setContentType("text/plain");
                        async.getResponse().getOutputStream().write("later".getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    } finally {
                        async.complete();
                    }
                });
            }
        }).setAsyncSupported(true);
        ctx.addServletMappingDecoded("/later", "later");
        add(ctx, "/run", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                String answer;
                try {
                    answer = work.run(query(req.getQueryString()));
                } catch (Exception e) {
                    resp.setStatus(500);
                    answer = "failed: " + e;
                }
                resp.setContentType("text/plain;charset=UTF-8");
                resp.getWriter().print(answer);
            }
        });
        add(ctx, "/behaviour", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                try {
                    String text = work.transcript();
                    resp.setContentType("text/plain;charset=UTF-8");
                    resp.getWriter().print(text);
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
        });
        add(ctx, "/state", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("text/plain;charset=UTF-8");
                resp.getWriter().print(state());
            }
        });
        tomcat.start();
        System.out.println("reliability-app ready on " + port + (virtual ? " (virtual threads)" : ""));
        tomcat.getServer().await();
    }

    private static void add(Context ctx, String mapping, HttpServlet servlet) {
        String name = mapping.replaceAll("[^a-z]", "");
        Tomcat.addServlet(ctx, name, servlet);
        ctx.addServletMappingDecoded(mapping, name);
    }

    static Map<String, String> query(String query) {
        Map<String, String> params = new HashMap<>();
        if (query == null) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    /** Heap used after full collections, live threads, open file descriptors, then one line per thread name. */
    static String state() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            names.add(t.getName());
        }
        Collections.sort(names);
        String[] fds = new File("/proc/self/fd").list();
        StringBuilder out = new StringBuilder();
        out.append("heap=").append(heap).append('\n');
        out.append("threads=").append(ManagementFactory.getThreadMXBean().getThreadCount()).append('\n');
        out.append("fds=").append(fds == null ? -1 : fds.length).append('\n');
        for (String name : names) {
            out.append("thread=").append(name).append('\n');
        }
        return out.toString();
    }
}
