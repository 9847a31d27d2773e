package ai.claw.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * A tiny OpenAI-compatible server on 127.0.0.1 for AI client tests: {@code POST
 * .../chat/completions} answers a chat completion whose {@code model} is {@link #RESPONSE_MODEL}
 * and whose usage is {@link #PROMPT_TOKENS} prompt and {@link #COMPLETION_TOKENS} completion
 * tokens, or, for {@code "stream": true}, {@link #CHUNKS} server-sent chunks {@link #CHUNK_DELAY_MS}
 * ms apart followed by a usage chunk and {@code [DONE]}. A request whose text contains
 * {@link #FAIL} is answered 400; one containing {@link #SLOW} waits {@link #SLOW_MS} ms first.
 */
public final class OpenAiStub implements AutoCloseable {

    public static final String RESPONSE_MODEL = "gpt-stub-0613";
    public static final long PROMPT_TOKENS = 11;
    public static final long COMPLETION_TOKENS = 7;
    public static final int CHUNKS = 3;
    public static final long CHUNK_DELAY_MS = 100;
    public static final String FAIL = "PLEASE-FAIL";
    public static final String SLOW = "PLEASE-BE-SLOW";
    public static final long SLOW_MS = 300;
    public static final String ANSWER = "Hello from the stub";

    private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "openai-stub");
        t.setDaemon(true);
        return t;
    });
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private OpenAiStub(HttpServer server) {
        this.server = server;
    }

    public static OpenAiStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            OpenAiStub stub = new OpenAiStub(server);
            server.setExecutor(stub.executor);
            server.createContext("/", stub::handle);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the OpenAI stub", e);
        }
    }

    /** {@code http://127.0.0.1:<port>/v1}, the base URL clients are given. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Request bodies received so far. */
    public List<String> requests() {
        return requests;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            requests.add(body);
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith("/chat/completions")) {
                send(exchange, 404, "{\"error\":{\"message\":\"no route " + path + "\",\"type\":\"invalid_request_error\"}}");
                return;
            }
            if (body.contains(FAIL)) {
                send(exchange, 400, "{\"error\":{\"message\":\"the stub was asked to fail\","
                        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
                return;
            }
            if (body.contains(SLOW)) {
                sleep(SLOW_MS);
            }
            if (STREAM.matcher(body).find()) {
                stream(exchange);
            } else {
                send(exchange, 200, completion());
            }
        }
    }

    static String usage() {
        return "{\"prompt_tokens\":" + PROMPT_TOKENS + ",\"completion_tokens\":" + COMPLETION_TOKENS
                + ",\"total_tokens\":" + (PROMPT_TOKENS + COMPLETION_TOKENS) + "}";
    }

    static String completion() {
        return "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\""
                + RESPONSE_MODEL + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                + ANSWER + "\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":" + usage()
                + ",\"system_fingerprint\":\"fp_stub\"}";
    }

    private static String chunk(String choices, String usage) {
        return "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\""
                + RESPONSE_MODEL + "\",\"system_fingerprint\":\"fp_stub\",\"choices\":" + choices
                + (usage == null ? "" : ",\"usage\":" + usage) + "}";
    }

    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        String[] parts = {"Hello ", "from the ", "stub"};
        for (int i = 0; i < CHUNKS; i++) {
            sleep(CHUNK_DELAY_MS);
            String delta = (i == 0 ? "{\"role\":\"assistant\",\"content\":\"" : "{\"content\":\"") + parts[i % parts.length] + "\"}";
            event(out, chunk("[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":null}]", null));
        }
        event(out, chunk("[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]", null));
        event(out, chunk("[]", usage()));
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void event(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
