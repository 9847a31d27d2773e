package ai.claw.sample;

import java.util.ArrayList;
import java.util.List;

/** A {@link SimulatedChatModel.Prompt} as chat turns (system, history, question) for real chat clients. */
record PromptTurns(String system, List<Message> history, String question) {

    static final String SYSTEM_PROMPT = "You are CLAW.AI, a helpful assistant. Answer briefly.";

    static PromptTurns of(SimulatedChatModel.Prompt prompt) {
        StringBuilder system = new StringBuilder(SYSTEM_PROMPT);
        for (String c : prompt.context()) {
            system.append("\ncontext: ").append(c);
        }
        return new PromptTurns(system.toString(), new ArrayList<>(prompt.history()), prompt.question());
    }
}
