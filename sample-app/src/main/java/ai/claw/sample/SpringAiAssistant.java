package ai.claw.sample;

import java.util.ArrayList;
import java.util.List;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * Answers through Spring AI's {@code OpenAiChatModel}, plain library code with no annotation:
 * the agent measures the call (duration, model, tokens) by itself.
 */
final class SpringAiAssistant implements AssistantModel {

    private final LocalModelEndpoint endpoint;
    private volatile ChatModel model;

    SpringAiAssistant(LocalModelEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public String modelName() {
        return LocalModelServer.MODEL;
    }

    @Override
    public SimulatedChatModel.Completion complete(SimulatedChatModel.Prompt prompt) {
        PromptTurns turns = PromptTurns.of(prompt);
        List<org.springframework.ai.chat.messages.Message> messages = new ArrayList<>();
        messages.add(new SystemMessage(turns.system()));
        for (Message m : turns.history()) {
            messages.add("assistant".equals(m.role()) ? new AssistantMessage(m.content()) : new UserMessage(m.content()));
        }
        messages.add(new UserMessage(turns.question()));
        ChatResponse response;
        try {
            response = model().call(new Prompt(messages));
        } catch (RuntimeException e) {
            throw new SimulatedChatModel.ModelFailureException("the Spring AI call failed: " + e.getMessage());
        }
        if (response.getResult() == null) {
            throw new SimulatedChatModel.ModelFailureException("the Spring AI call returned no answer");
        }
        Usage usage = response.getMetadata().getUsage();
        String text = response.getResult().getOutput().getText();
        return new SimulatedChatModel.Completion(text == null ? "" : text,
                usage == null || usage.getPromptTokens() == null ? 0 : usage.getPromptTokens(),
                usage == null || usage.getCompletionTokens() == null ? 0 : usage.getCompletionTokens());
    }

    /** Built on first use: the endpoint's port is known once the web server runs. */
    private ChatModel model() {
        ChatModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    model = OpenAiChatModel.builder()
                            .options(OpenAiChatOptions.builder()
                                    .baseUrl(endpoint.baseUrl())
                                    .apiKey(LocalModelEndpoint.API_KEY)
                                    .model(LocalModelServer.MODEL)
                                    .maxRetries(0)
                                    .build())
                            .build();
                }
                m = model;
            }
        }
        return m;
    }
}
