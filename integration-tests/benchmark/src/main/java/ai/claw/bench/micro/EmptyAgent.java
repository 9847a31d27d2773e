package ai.claw.bench.micro;

import java.lang.instrument.Instrumentation;

/**
 * A Java agent that does nothing: the baseline that isolates what the JVM itself changes once any
 * {@code -javaagent} is given (see {@code MicroSuite.Bench#emptyAgentBaseline}) from what our
 * agent's code costs.
 */
public final class EmptyAgent {

    private EmptyAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        // Nothing: the JVM's start with an agent is all this measures.
    }
}
