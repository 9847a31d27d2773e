package ai.claw.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code --ai-client langchain4j}: chat goes through a real OpenAI client to the
 * OpenAI-compatible endpoint the app serves itself.
 */
class AiClientModeTest {

    @Test
    void flagAndEnvironmentChooseTheClient() {
        assertThat(AppSettings.parse(new String[0], Map.of()).aiClient()).isEqualTo("simulated");
        assertThat(AppSettings.parse(new String[] {"--ai-client", "langchain4j"}, Map.of()).aiClient()).isEqualTo("langchain4j");
        assertThat(AppSettings.parse(new String[] {"--ai-client=LangChain4j"}, Map.of()).aiClient()).isEqualTo("langchain4j");
        assertThat(AppSettings.parse(new String[0], Map.of("AI_CLIENT", "langchain4j")).aiClient()).isEqualTo("langchain4j");
        assertThat(AppSettings.parse(new String[] {"--ai-client", "simulated"}, Map.of("AI_CLIENT", "langchain4j")).aiClient())
                .isEqualTo("simulated");
        assertThatThrownBy(() -> AppSettings.parse(new String[0], Map.of("AI_CLIENT", "gpt")))
                .hasMessage("invalid AI_CLIENT 'gpt': must be one of simulated, langchain4j");
        assertThat(AppSettings.USAGE).contains("--ai-client NAME");
    }

    @ParameterizedTest
    @ValueSource(strings = {"langchain4j"})
    void chatGoesThroughTheRealClient(String client) {
        AppSettings settings = AppSettings.parse(new String[] {"--port", "0", "--ai-client", client,
                "--db-url", "jdbc:h2:mem:claw-ai-" + client + ";DB_CLOSE_DELAY=-1"}, Map.of());
        try (ConfigurableApplicationContext app = ClawSampleApplication.start(settings)) {
            HttpJson api = new HttpJson("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));

            HttpJson.Response model = api.post("/v1/chat/completions",
                    "{\"model\":\"claw-local-1\",\"messages\":[{\"role\":\"user\",\"content\":\"one two three\"}]}");
            assertThat(model.status()).isEqualTo(200);
            assertThat(model.json().get("model").asString()).isEqualTo(LocalModelServer.SERVED_MODEL);
            assertThat(model.json().at("/usage/prompt_tokens").asLong()).isEqualTo(3);

            long id = api.post("/api/conversations", "{\"title\":\"Through " + client + "\"}").json().get("id").asLong();
            HttpJson.Response reply = api.post("/api/conversations/" + id + "/messages",
                    "{\"content\":\"How are tokens counted?\"}");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("model").asString()).isEqualTo(LocalModelServer.MODEL);
            assertThat(reply.json().at("/reply/content").asString()).startsWith("About \"How are tokens counted?\"");
            assertThat(reply.json().get("promptTokens").asLong()).isPositive();
            assertThat(reply.json().get("completionTokens").asLong()).isPositive();

            HttpJson.Response failed = api.post("/api/conversations/" + id + "/messages", "{\"content\":\"/fail\"}");
            assertThat(failed.status()).isEqualTo(500);
        }
    }
}
