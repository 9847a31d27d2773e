package ai.claw.agent.instrumentation.ai;

import ai.claw.agent.bootstrap.AgentHealth;
import ai.claw.agent.bootstrap.AiFacade;
import ai.claw.agent.metrics.AgentMetrics;
import ai.claw.agent.metrics.BoundedSeries;
import ai.claw.agent.metrics.ClawMetric;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Turns AI calls, vector-store operations, conversations, messages and tokens into
 * {@code claw_ai_ai_*}, {@code claw_ai_vector_db_*}, {@code claw_ai_conversations_total} and
 * {@code claw_ai_messages_total}. Results are timed to their end: a {@code CompletionStage} when
 * it completes (the stage returned to the application is the original one), a Reactor
 * {@code Mono}/{@code Flux} from subscription to its terminal signal. Which call records what is
 * decided by {@link AiFacade} (the outermost call per thread).
 */
public final class AiRecorder implements AiFacade.Sink {

    static final String UNKNOWN = "unknown";
    static final String SUCCESS = "success";
    static final String ERROR = "error";
    static final String PROMPT = "prompt";
    static final String COMPLETION = "completion";

    private static AiRecorder installed;

    private final AgentMetrics metrics;
    private final AiClient[] clients = new AiClient[AiFacade.CLIENTS];
    private final BoundedSeries<DistributionDataPoint> aiDurations;
    private final BoundedSeries<CounterDataPoint> tokens;
    private final BoundedSeries<DistributionDataPoint> vectorDurations;
    private final BoundedSeries<CounterDataPoint> conversations;
    private final BoundedSeries<CounterDataPoint> messages;

    AiRecorder(AgentMetrics metrics) {
        this.metrics = metrics;
        aiDurations = metrics.histogram(ClawMetric.AI_RESPONSE_DURATION);
        tokens = metrics.counter(ClawMetric.AI_TOKENS);
        vectorDurations = metrics.histogram(ClawMetric.VECTOR_DB_OPERATION_DURATION);
        conversations = metrics.counter(ClawMetric.CONVERSATIONS);
        messages = metrics.counter(ClawMetric.MESSAGES);
    }

    /** One recorder per registry, shared by the annotation and client instrumentations. */
    public static synchronized AiRecorder install(AgentMetrics metrics) {
        if (installed == null || installed.metrics != metrics) {
            installed = new AiRecorder(metrics);
            AiFacade.install(installed);
        }
        return installed;
    }

    /** Installs the recorder (if needed) and the reader of one client ({@code AiFacade.LANGCHAIN4J}, ...). */
    public static synchronized void register(AgentMetrics metrics, int client, AiClient reader) {
        install(metrics).clients[client] = reader;
    }

    // ---- AiFacade.Sink --------------------------------------------------------------------

    @Override
    public Object aiCall(int client, long startNanos, Object target, Object request, String model, Object result,
                         Throwable thrown, boolean wrapReactive, boolean reportTokens) {
        final AiClient reader = client > 0 && client < clients.length ? clients[client] : null;
        final boolean recordDuration = startNanos != 0L;
        final String label = model == null || model.isEmpty() ? UNKNOWN : model;
        final long start = recordDuration ? startNanos : System.nanoTime();
        if (thrown != null) {
            ended(reader, start, target, request, label, recordDuration, reportTokens, null, thrown, null, null);
            return result;
        }
        if (result instanceof CompletionStage) {
            whenComplete((CompletionStage<?>) result,
                    new AiCall(this, reader, start, target, request, label, recordDuration, reportTokens));
            claimTokens(reader, reportTokens);
            return result;
        }
        if (wrapReactive && Reactive.reactorBase(result) != null) {
            Object wrapped = Reactive.wrap(result, s -> new AiCall(this, reader, recordDuration ? s : System.nanoTime(),
                    target, request, label, recordDuration, reportTokens));
            if (wrapped != null) {
                claimTokens(reader, reportTokens);
                return wrapped;
            }
        }
        // A synchronous call ends here: recorded in place, nothing allocated.
        if (ended(reader, start, target, request, label, recordDuration, reportTokens, result, null, null, null)) {
            AiFacade.markTokensReported();
        }
        return result;
    }

    /** A client call whose usage arrives later reports it then; the enclosing frame must not. */
    private static void claimTokens(AiClient reader, boolean reportTokens) {
        if (reader != null && reportTokens) {
            AiFacade.markTokensReported();
        }
    }

    @Override
    public Object streamingHandler(int client, long startNanos, Object target, Object request, Object handler) {
        AiClient reader = client > 0 && client < clients.length ? clients[client] : null;
        if (reader == null) {
            return handler;
        }
        boolean recordDuration = startNanos != 0L;
        return reader.wrapStreamingHandler(handler, new AiCall(this, reader, recordDuration ? startNanos : System.nanoTime(),
                target, request, UNKNOWN, recordDuration, true));
    }

    @Override
    public void streamingFailed(Object handler, Throwable thrown) {
        StreamingCalls.failed(handler, thrown);
    }

    @Override
    public Object vectorOperation(long startNanos, final String operation, Object result, Throwable thrown,
                                  boolean wrapReactive) {
        VectorCall call = new VectorCall(this, startNanos, operation);
        if (thrown != null) {
            call.failed(thrown);
            return result;
        }
        if (result instanceof CompletionStage) {
            whenComplete((CompletionStage<?>) result, call);
            return result;
        }
        if (wrapReactive && Reactive.reactorBase(result) != null) {
            Object wrapped = Reactive.wrap(result, start -> new VectorCall(this, start, operation));
            if (wrapped != null) {
                return wrapped;
            }
        }
        call.succeeded(result);
        return result;
    }

    @Override
    public void conversation(String status) {
        conversations.get(orUnknown(status)).inc();
    }

    @Override
    public void message(String role) {
        messages.get(orUnknown(role)).inc();
    }

    /** Negative counts are ignored, each on its own. */
    @Override
    public void tokens(String model, long promptTokens, long completionTokens) {
        String m = orUnknown(model);
        if (promptTokens >= 0) {
            tokens.get(m, PROMPT).inc(promptTokens);
        }
        if (completionTokens >= 0) {
            tokens.get(m, COMPLETION).inc(completionTokens);
        }
    }

    // ---- recording ------------------------------------------------------------------------

    /**
     * Records one AI call that ended with {@code value} or {@code error}: its duration if it is to
     * be recorded, and its token usage (from the response, else from the streamed chunks) if it is
     * to report tokens. The model label is {@code model} for an annotated method (no client); for a
     * client call, the request's model (stable across success and error), else the response's, else
     * the streamed one's, else {@code unknown}. Returns whether tokens were recorded.
     */
    boolean ended(AiClient client, long startNanos, Object target, Object request, String model,
                  boolean recordDuration, boolean reportTokens, Object value, Throwable error,
                  long[] streamedUsage, String streamedModel) {
        String label = client == null ? model : modelLabel(client, target, request, value, streamedModel);
        if (recordDuration) {
            aiDuration(label, error, TimedCall.secondsSince(startNanos));
        }
        if (reportTokens && error == null && client != null) {
            long[] usage = value != null ? client.usage(value) : null;
            if (usage == null) {
                usage = streamedUsage;
            }
            if (usage != null) {
                tokens(label, usage[0], usage[1]);
                return true;
            }
        }
        return false;
    }

    private static String modelLabel(AiClient client, Object target, Object request, Object response, String streamed) {
        String m = client.requestModel(target, request);
        if (m == null && response != null) {
            m = client.responseModel(response);
        }
        if (m == null) {
            m = streamed;
        }
        return m == null ? UNKNOWN : m;
    }

    void aiDuration(String model, Throwable error, double seconds) {
        aiDurations.get(model, error == null ? SUCCESS : ERROR).observe(seconds);
    }

    void vectorDuration(String operation, Throwable error, double seconds) {
        vectorDurations.get(orUnknown(operation), error == null ? SUCCESS : ERROR).observe(seconds);
    }

    /** The stage returned to the application stays the original; only a dependent stage is added. */
    private static void whenComplete(CompletionStage<?> stage, final TimedCall call) {
        try {
            stage.whenComplete((value, error) -> {
                try {
                    if (error == null) {
                        call.succeeded(value);
                    } else {
                        call.failed(unwrap(error));
                    }
                } catch (Throwable t) {
                    AgentHealth.suppressed(t);
                }
            });
        } catch (RuntimeException e) {
            // a stage that refuses dependents: record the call as it stands
            call.succeeded(null);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static String orUnknown(String value) {
        return value == null || value.isEmpty() ? UNKNOWN : value;
    }
}
