package ai.claw.sample;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The chat API. Errors are answered as RFC 9457 problem details by {@link ApiErrorHandler}. */
@RestController
@RequestMapping("/api/conversations")
public class ChatController {

    static final int MAX_TITLE = 200;
    static final int MAX_CONTENT = 4_000;

    /** Body of {@code POST /api/conversations}. */
    public record NewConversation(String title) {
    }

    /** Body of {@code POST /api/conversations/{id}/messages}. */
    public record NewMessage(String content) {
    }

    private final ChatService chat;

    public ChatController(ChatService chat) {
        this.chat = chat;
    }

    @PostMapping
    public ResponseEntity<Conversation> create(@RequestBody NewConversation body) {
        Conversation conversation = chat.createConversation(required("title", body.title(), MAX_TITLE));
        return ResponseEntity.created(URI.create("/api/conversations/" + conversation.id())).body(conversation);
    }

    @GetMapping("/{id}")
    public Conversation get(@PathVariable long id) {
        return chat.findConversation(id).orElseThrow(() -> ChatService.notFound(id));
    }

    /** A message whose content is exactly {@code /fail} answers 500 (see {@link SimulatedChatModel#FAIL_TRIGGER}). */
    @PostMapping("/{id}/messages")
    public ChatService.Exchange send(@PathVariable long id, @RequestBody NewMessage body) {
        return chat.sendMessage(id, required("content", body.content(), MAX_CONTENT));
    }

    @GetMapping("/{id}/messages")
    public List<Message> messages(@PathVariable long id) {
        return chat.listMessages(id).orElseThrow(() -> ChatService.notFound(id));
    }

    private static String required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "\"" + field + "\" is required and must not be blank");
        }
        if (value.length() > maxLength) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "\"" + field + "\" is longer than " + maxLength + " characters");
        }
        return value.trim();
    }
}
