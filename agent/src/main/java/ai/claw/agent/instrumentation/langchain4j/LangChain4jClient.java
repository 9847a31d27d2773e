package ai.claw.agent.instrumentation.langchain4j;

import ai.claw.agent.instrumentation.ai.AiCall;
import ai.claw.agent.instrumentation.ai.AiClient;
import ai.claw.agent.instrumentation.ai.Reflect;
import ai.claw.agent.instrumentation.ai.StreamingCalls;

/**
 * Reads LangChain4j objects: {@code ChatRequest.modelName()}, else the model's
 * {@code defaultRequestParameters().modelName()}; {@code ChatResponse.modelName()} and
 * {@code tokenUsage().inputTokenCount()/outputTokenCount()}.
 */
final class LangChain4jClient implements AiClient {

    @Override
    public String requestModel(Object target, Object request) {
        String model = Reflect.text(Reflect.call(request, "modelName"));
        if (model == null) {
            model = Reflect.text(Reflect.call(Reflect.call(target, "defaultRequestParameters"), "modelName"));
        }
        return model;
    }

    @Override
    public String responseModel(Object response) {
        return Reflect.text(Reflect.call(response, "modelName"));
    }

    @Override
    public long[] usage(Object response) {
        Object usage = Reflect.call(response, "tokenUsage");
        if (usage == null) {
            return null;
        }
        return new long[] {Reflect.number(Reflect.call(usage, "inputTokenCount")),
                Reflect.number(Reflect.call(usage, "outputTokenCount"))};
    }

    @Override
    public Object wrapStreamingHandler(Object handler, AiCall call) {
        return StreamingCalls.wrap(handler, LangChain4jInstrumentation.HANDLER, call, "onCompleteResponse", "onError");
    }
}
