package ai.claw.sample;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/** Picks the {@link AssistantModel} named by {@code --ai-client}. */
@Configuration
public class AssistantModelConfig {

    private static final Logger log = LoggerFactory.getLogger(AssistantModelConfig.class);

    @Bean
    @Primary
    AssistantModel assistantModel(AppSettings settings, SimulatedChatModel simulated, Environment environment) {
        LocalModelEndpoint endpoint = new LocalModelEndpoint(environment);
        AssistantModel model = switch (settings.aiClient()) {
            case AppSettings.AI_LANGCHAIN4J -> new LangChain4jAssistant(endpoint);
            default -> simulated;
        };
        if (model != simulated) {
            log.info("Chat answers come from a {} OpenAI client calling this app's own /v1/chat/completions (model {})",
                    settings.aiClient(), model.modelName());
        }
        return model;
    }
}
