package ai.claw.it.ai.springai1;

import ai.claw.it.springai.SpringAiChatTests;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;

/**
 * Spring AI 1.1: the chat tests shared with Spring AI 2 ({@link SpringAiChatTests}), through
 * Spring AI 1's own {@code OpenAiApi} on RestClient/WebClient (no OpenAI Java SDK), the model
 * set as the 1.x default options.
 */
class SpringAi1IT extends SpringAiChatTests {

    @Override
    protected ChatModel chatModel(String model) {
        // 1.x OpenAiApi appends /v1/chat/completions to the base URL itself
        String baseUrl = stub.baseUrl().substring(0, stub.baseUrl().length() - "/v1".length());
        OpenAiApi api = OpenAiApi.builder().baseUrl(baseUrl).apiKey("test").build();
        return OpenAiChatModel.builder()
                .openAiApi(api)
                .defaultOptions(OpenAiChatOptions.builder().model(model).streamUsage(true).build())
                .build();
    }

    @Override
    protected String prefix() {
        return "gpt-sai1";
    }
}
