package ai.claw.agent.instrumentation.ai;

/** One vector-store operation. */
final class VectorCall extends TimedCall {

    private final AiRecorder recorder;
    private final String operation;

    VectorCall(AiRecorder recorder, long startNanos, String operation) {
        super(startNanos);
        this.recorder = recorder;
        this.operation = operation;
    }

    @Override
    protected void record(Object value, Throwable error) {
        recorder.vectorDuration(operation, error, secondsSince(startNanos));
    }
}
