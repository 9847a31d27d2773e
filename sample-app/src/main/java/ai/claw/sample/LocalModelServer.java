package ai.claw.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small OpenAI-compatible model this app serves itself ({@code POST /v1/chat/completions},
 * non-streaming), so {@code --ai-client langchain4j} runs a real OpenAI client without
 * any outside service. Like the simulated model it takes 20–200 ms, answers from the question and
 * the first context line, counts one token per word, and fails on a question of exactly
 * {@code /fail} (500). Responses name the model {@link #SERVED_MODEL} and carry {@code usage}.
 */
@RestController
public class LocalModelServer {

    /** The model the clients ask for. */
    public static final String MODEL = "claw-local-1";
    /** The model version the responses name, as hosted APIs do. */
    public static final String SERVED_MODEL = "claw-local-1-2026-01";

    @PostMapping(path = "/v1/chat/completions", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> complete(@RequestBody Map<String, Object> request) {
        if (Boolean.TRUE.equals(request.get("stream"))) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request_error", "streaming is not supported by the local model");
        }
        List<String> texts = new ArrayList<>();
        String question = "";
        String context = null;
        if (request.get("messages") instanceof List<?> messages) {
            for (Object m : messages) {
                if (m instanceof Map<?, ?> message) {
                    String text = text(message.get("content"));
                    texts.add(text);
                    if ("user".equals(message.get("role"))) {
                        question = text;
                    } else if ("system".equals(message.get("role")) && text.contains("\ncontext: ")) {
                        context = text.substring(text.indexOf("\ncontext: ") + 10).split("\n")[0];
                    }
                }
            }
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(20, 201));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (question.trim().equals(SimulatedChatModel.FAIL_TRIGGER)) {
            return error(HttpStatus.INTERNAL_SERVER_ERROR, "server_error", "the local model failed on purpose");
        }
        String words = String.join(" ", List.of(question.trim().split("\\s+")).subList(0,
                Math.min(6, question.trim().split("\\s+").length)));
        String reply = "About \"" + words + "\": " + (context == null ? "I have no notes on that." : context)
                + " Anything else I can help with?";
        long promptTokens = texts.stream().mapToLong(SimulatedChatModel::countTokens).sum();
        long completionTokens = SimulatedChatModel.countTokens(reply);

        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", reply);
        message.put("refusal", null);
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("logprobs", null);
        choice.put("finish_reason", "stop");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "chatcmpl-local-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        body.put("object", "chat.completion");
        body.put("created", System.currentTimeMillis() / 1000);
        body.put("model", SERVED_MODEL);
        body.put("choices", List.of(choice));
        body.put("usage", Map.of("prompt_tokens", promptTokens, "completion_tokens", completionTokens,
                "total_tokens", promptTokens + completionTokens));
        return ResponseEntity.ok(body);
    }

    /** Message content: a string, or a list of parts with {@code text}. */
    private static String text(Object content) {
        if (content instanceof String s) {
            return s;
        }
        StringBuilder text = new StringBuilder();
        if (content instanceof List<?> parts) {
            for (Object part : parts) {
                if (part instanceof Map<?, ?> p && p.get("text") instanceof String t) {
                    text.append(text.isEmpty() ? "" : " ").append(t);
                }
            }
        }
        return text.toString();
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String type, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", null);
        error.put("code", null);
        return ResponseEntity.status(status).body(Map.of("error", error));
    }
}
