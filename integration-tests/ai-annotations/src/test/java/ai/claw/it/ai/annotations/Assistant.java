package ai.claw.it.ai.annotations;

import ai.claw.agent.api.AiModel;
import ai.claw.agent.api.TrackAiResponse;
import ai.claw.agent.api.TrackVectorDb;

/** An interface whose default methods carry the annotations. */
public interface Assistant {

    @TrackAiResponse(model = "iface-default")
    default String answer(String question) {
        Fixtures.sleep(5);
        return "answer to " + question;
    }

    @TrackAiResponse(model = "iface-fallback")
    default String answerWith(@AiModel String model, String question) {
        return model + ": " + question;
    }

    @TrackVectorDb(operation = "iface-search")
    default int search(String query) {
        return query.length();
    }

    /** Not annotated here: proxies of this interface carry no annotation. */
    String ask(String question);
}
