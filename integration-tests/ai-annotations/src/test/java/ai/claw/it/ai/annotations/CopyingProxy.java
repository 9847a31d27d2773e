package ai.claw.it.ai.annotations;

import ai.claw.agent.api.TrackAiResponse;
import ai.claw.agent.api.TrackMessage;

/** What a proxy generator that copies annotations produces: an annotated override calling the annotated target. */
public class CopyingProxy extends Fixtures {

    @Override
    @TrackAiResponse(model = "instance")
    public String complete(String prompt) {
        return super.complete(prompt);
    }

    @Override
    @TrackMessage(role = "assistant-it")
    public String assistantMessage() {
        return super.assistantMessage();
    }
}
