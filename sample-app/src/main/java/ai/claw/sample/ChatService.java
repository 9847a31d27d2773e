package ai.claw.sample;

import java.util.List;
import java.util.Optional;

import ai.claw.agent.api.TrackConversation;
import ai.claw.agent.api.TrackMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/** Conversations and the chat exchange: database, cache, rate limiter, vector search and model. */
@Service
public class ChatService {

    private static final Logger log = LoggerFactory.getLogger(ChatService.class);

    static final int HISTORY_MESSAGES = 6;
    static final int CONTEXT_DOCUMENTS = 2;
    static final int CONTEXT_CHARS = 200;

    /** The answer to a posted message: both stored messages and what the model used. */
    public record Exchange(long conversationId, Message message, Message reply, String model,
                           long promptTokens, long completionTokens, List<String> context) {
    }

    private final ConversationRepository repository;
    private final ConversationCache cache;
    private final MessageRateLimiter rateLimiter;
    private final MessagePublisher publisher;
    private final VectorStore vectors;
    private final AssistantModel model;

    public ChatService(ConversationRepository repository, ConversationCache cache, MessageRateLimiter rateLimiter,
                       MessagePublisher publisher, VectorStore vectors, AssistantModel model) {
        this.repository = repository;
        this.cache = cache;
        this.rateLimiter = rateLimiter;
        this.publisher = publisher;
        this.vectors = vectors;
        this.model = model;
    }

    @TrackConversation(status = "created")
    public Conversation createConversation(String title) {
        Conversation conversation = repository.insertConversation(title);
        log.info("Conversation {} created", conversation.id());
        return conversation;
    }

    /** Read through the cache: Jedis {@code GET}; on a miss a {@code SELECT} and, if found, a {@code SET}. */
    public Optional<Conversation> findConversation(long id) {
        Optional<Conversation> cached = cache.get(id);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<Conversation> stored = repository.findConversation(id);
        stored.ifPresent(cache::put);
        return stored;
    }

    public Optional<List<Message>> listMessages(long conversationId) {
        return findConversation(conversationId).map(c -> repository.findMessages(conversationId));
    }

    /**
     * Stores the user's message, asks the model with context from the vector search and the
     * recent history, stores the reply. When the model fails the user's message stays stored.
     *
     * @throws ResponseStatusException 404 for an unknown conversation, 429 past the rate limit
     * @throws SimulatedChatModel.ModelFailureException when the model fails
     */
    public Exchange sendMessage(long conversationId, String content) {
        if (findConversation(conversationId).isEmpty()) {
            throw notFound(conversationId);
        }
        if (!rateLimiter.tryAcquire(conversationId)) {
            throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS,
                    "more than " + rateLimiter.limit() + " messages a minute in conversation " + conversationId);
        }
        List<Message> history = repository.findRecentMessages(conversationId, HISTORY_MESSAGES);
        List<String> context = vectors.search(content, CONTEXT_DOCUMENTS).stream()
                .map(match -> shorten(match.text()))
                .toList();
        Message message = saveUserMessage(conversationId, content);
        SimulatedChatModel.Completion completion =
                model.complete(new SimulatedChatModel.Prompt(content, context, history));
        Message reply = saveAssistantMessage(conversationId, completion.text());
        log.info("Conversation {}: reply {} from {} ({} prompt + {} completion tokens)", conversationId, reply.id(),
                model.modelName(), completion.promptTokens(), completion.completionTokens());
        return new Exchange(conversationId, message, reply, model.modelName(),
                completion.promptTokens(), completion.completionTokens(), context);
    }

    @TrackMessage(role = "user")
    public Message saveUserMessage(long conversationId, String content) {
        return save(conversationId, "user", content);
    }

    @TrackMessage(role = "assistant")
    public Message saveAssistantMessage(long conversationId, String content) {
        return save(conversationId, "assistant", content);
    }

    /** INSERT + UPDATE in the database, a vector upsert, cache {@code DEL}, async {@code PUBLISH}. */
    private Message save(long conversationId, String role, String content) {
        Message message = repository.insertMessage(conversationId, role, content);
        vectors.upsert("message-" + message.id(), content);
        cache.evict(conversationId);
        publisher.publish(message);
        return message;
    }

    static ResponseStatusException notFound(long conversationId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "conversation " + conversationId + " not found");
    }

    private static String shorten(String text) {
        return text.length() <= CONTEXT_CHARS ? text : text.substring(0, CONTEXT_CHARS) + "...";
    }
}
