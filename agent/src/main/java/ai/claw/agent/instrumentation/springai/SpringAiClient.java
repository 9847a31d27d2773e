package ai.claw.agent.instrumentation.springai;

import ai.claw.agent.instrumentation.ai.AiClient;
import ai.claw.agent.instrumentation.ai.Reflect;

/**
 * Reads Spring AI objects: {@code Prompt.getOptions().getModel()}, else the model's
 * {@code getOptions()} (2.x) or {@code getDefaultOptions()} (1.x); {@code ChatResponse.getMetadata()}
 * {@code .getModel()} and {@code .getUsage().getPromptTokens()/getCompletionTokens()}.
 */
final class SpringAiClient implements AiClient {

    @Override
    public String requestModel(Object target, Object request) {
        String model = Reflect.text(Reflect.call(Reflect.call(request, "getOptions"), "getModel"));
        if (model == null) {
            model = Reflect.text(Reflect.call(Reflect.first(target, "getOptions", "getDefaultOptions"), "getModel"));
        }
        return model;
    }

    @Override
    public String responseModel(Object response) {
        return Reflect.text(Reflect.call(Reflect.call(response, "getMetadata"), "getModel"));
    }

    @Override
    public long[] usage(Object response) {
        Object usage = Reflect.call(Reflect.call(response, "getMetadata"), "getUsage");
        if (usage == null) {
            return null;
        }
        long prompt = Reflect.number(Reflect.call(usage, "getPromptTokens"));
        long completion = Reflect.number(Reflect.first(usage, "getCompletionTokens", "getGenerationTokens"));
        // EmptyUsage (no usage reported) answers 0 and 0
        return prompt <= 0 && completion <= 0 ? null : new long[] {prompt, completion};
    }
}
