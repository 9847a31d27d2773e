package ai.claw.bench.micro;

import ai.claw.agent.api.TrackAiResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** One call of a {@code @TrackAiResponse} method with a trivial body. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AnnotatedBenchmark {

    private final Model model = new Model();
    private String prompt = "hello";

    @Setup
    public void setup() throws Exception {
        AgentProbe.awaitReady();
        for (int i = 0; i < 1000; i++) {
            aiResponse();
        }
        AgentProbe.requireSeries("claw_ai_ai_response_duration_seconds_count{", "model=\"bench-model\"", "outcome=\"success\"");
    }

    @Benchmark
    public String aiResponse() {
        return model.answer(prompt);
    }

    /** An application's annotated model call. */
    public static final class Model {
        @TrackAiResponse(model = "bench-model")
        public String answer(String prompt) {
            return prompt;
        }
    }
}
