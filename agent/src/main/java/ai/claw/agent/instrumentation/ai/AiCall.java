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
        tokensRecorded = recorder.ended(client, startNanos, target, request, model, recordDuration, reportTokens,
                value, error, streamedUsage, streamedModel);
    }

    /** Whether {@link #record} reported tokens (read on the same thread for synchronous calls). */
    boolean tokensRecorded() {
        return tokensRecorded;
    }
}
