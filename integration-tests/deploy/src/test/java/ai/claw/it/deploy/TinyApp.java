package ai.claw.it.deploy;

import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * "Any Java application", small and quick to start: serves GET /api/health on the given port
 * until killed. Used by QuickstartDocIT where the guide's point is how the agent gets in
 * (JAVA_TOOL_OPTIONS, attach), not what it measures. Usage: {@code TinyApp <port>}.
 */
public final class TinyApp {

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 0);
        byte[] ok = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/api/health", exchange -> {
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(ok);
            }
        });
        server.start();
        System.out.println("tiny-app ready on " + args[0]);
        Thread.currentThread().join();
    }
}
