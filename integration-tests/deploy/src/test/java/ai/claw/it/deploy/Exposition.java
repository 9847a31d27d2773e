package ai.claw.it.deploy;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A tiny scrape target on 127.0.0.1 serving a fixed Prometheus text exposition at /metrics. */
final class Exposition implements AutoCloseable {

    private final HttpServer server;

    private Exposition(HttpServer server) {
        this.server = server;
    }

    static Exposition serve(String text) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            server.createContext("/metrics", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(body);
                }
            });
            server.start();
            return new Exposition(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    String target() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
