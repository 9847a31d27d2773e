package ai.claw.agent.instrumentation.openai;

import ai.claw.agent.instrumentation.ai.AiClient;
import ai.claw.agent.instrumentation.ai.Reflect;

/**
 * Reads OpenAI SDK objects: {@code ChatCompletionCreateParams.model().asString()},
 * {@code ChatCompletion.model()} and {@code usage().promptTokens()/completionTokens()}.
 */
final class OpenAiClient implements AiClient {

    @Override
    public String requestModel(Object target, Object request) {
        return Reflect.text(Reflect.call(Reflect.call(request, "model"), "asString"));
    }

    @Override
    public String responseModel(Object response) {
        return Reflect.text(Reflect.call(response, "model"));
    }

    @Override
    public long[] usage(Object response) {
        Object usage = Reflect.unwrap(Reflect.call(response, "usage"));
        if (usage == null) {
            return null;
        }
        return new long[] {Reflect.number(Reflect.call(usage, "promptTokens")),
                Reflect.number(Reflect.call(usage, "completionTokens"))};
    }
}
