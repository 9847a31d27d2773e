package ai.claw.agent.instrumentation.ai;

/**
 * One AI call: an annotated method or a client call. Records its duration when it is the
 * outermost call, and the response's token usage when it is allowed to report tokens.
 * For streams, the last chunk that names a model or carries usage counts.
 */
public final class AiCall extends TimedCall {

    private final AiRecorder recorder;
    private final AiClient client;
    private final Object target;
    private final Object request;
    private final String model;
    private final boolean recordDuration;
    private final boolean reportTokens;
    private volatile long[] streamedUsage;
    private volatile String streamedModel;
    private volatile boolean tokensRecorded;

    AiCall(AiRecorder recorder, AiClient client, long startNanos, Object target, Object request, String model,
           boolean recordDuration, boolean reportTokens) {
        super(startNanos);
        this.recorder = recorder;
        this.client = client;
        this.target = target;
        this.request = request;
        this.model = model;
        this.recordDuration = recordDuration;
        this.reportTokens = reportTokens;
    }

    @Override
    public void next(Object chunk) {
        if (client == null || chunk == null) {
            return;
        }
        long[] usage = client.usage(chunk);
        if (usage != null && (usage[0] > 0 || usage[1] > 0)) {
            streamedUsage = usage;
        }
        String m = client.responseModel(chunk);
        if (m != null) {
            streamedModel = m;
        }
    }

    @Override
    protected void record(Object value, Throwable error) {
        String label = model(value);
        if (recordDuration) {
            recorder.aiDuration(label, error, secondsSince(startNanos));
        }
        if (reportTokens && error == null && client != null) {
            long[] usage = value != null ? client.usage(value) : null;
            if (usage == null) {
                usage = streamedUsage;
            }
            if (usage != null) {
                recorder.tokens(label, usage[0], usage[1]);
                tokensRecorded = true;
            }
        }
    }

    /** Whether {@link #record} reported tokens (read on the same thread for synchronous calls). */
    boolean tokensRecorded() {
        return tokensRecorded;
    }

    /** The request's model (stable across success and error), else the response's, else {@code unknown}. */
    private String model(Object response) {
        if (client == null) {
            return model;
        }
        String m = client.requestModel(target, request);
        if (m == null && response != null) {
            m = client.responseModel(response);
        }
        if (m == null) {
            m = streamedModel;
        }
        return m == null ? AiRecorder.UNKNOWN : m;
    }
}
