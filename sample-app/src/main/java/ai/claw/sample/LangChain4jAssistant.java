package ai.claw.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;

/**
 * Answers through LangChain4j's {@code OpenAiChatModel}, plain library code with no annotation:
 * the agent measures the call (duration, model, tokens) by itself.
 */
final class LangChain4jAssistant implements AssistantModel {

    private final LocalModelEndpoint endpoint;
    private volatile ChatModel model;

    LangChain4jAssistant(LocalModelEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public String modelName() {
        return LocalModelServer.MODEL;
    }

    @Override
    public SimulatedChatModel.Completion complete(SimulatedChatModel.Prompt prompt) {
        PromptTurns turns = PromptTurns.of(prompt);
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(turns.system()));
        for (Message m : turns.history()) {
            messages.add("assistant".equals(m.role()) ? AiMessage.from(m.content()) : UserMessage.from(m.content()));
        }
        messages.add(UserMessage.from(turns.question()));
        ChatResponse response;
        try {
            response = model().chat(ChatRequest.builder().messages(messages).build());
        } catch (RuntimeException e) {
            throw new SimulatedChatModel.ModelFailureException("the LangChain4j call failed: " + e.getMessage());
        }
        TokenUsage usage = response.tokenUsage();
        return new SimulatedChatModel.Completion(response.aiMessage().text(),
                usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
                usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
    }

    /** Built on first use: the endpoint's port is known once the web server runs. */
    private ChatModel model() {
        ChatModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    model = OpenAiChatModel.builder()
                            .baseUrl(endpoint.baseUrl())
                            .apiKey(LocalModelEndpoint.API_KEY)
                            .modelName(LocalModelServer.MODEL)
                            .timeout(Duration.ofSeconds(10))
                            .maxRetries(0)
                            .build();
                }
                m = model;
            }
        }
        return m;
    }
}
