package ai.claw.sample;

/**
 * What answers the user's message: the annotated {@link SimulatedChatModel} (default), or a real
 * OpenAI client ({@link LangChain4jAssistant}) that the CLAW.AI agent
 * measures without any annotation. Chosen by {@code --ai-client}.
 */
public interface AssistantModel {

    /**
     * Answers the prompt.
     *
     * @throws SimulatedChatModel.ModelFailureException when the model fails
     */
    SimulatedChatModel.Completion complete(SimulatedChatModel.Prompt prompt);

    /** The model name shown in replies and logs. */
    String modelName();
}
