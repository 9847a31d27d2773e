package ai.claw.agent;

import ai.claw.agent.config.AgentConfig;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code -javaagent} entry (premain) and the attach entry (agentmain). Both do the least
 * they can on the caller's thread (read the configuration, put the facade on the bootstrap
 * class path) and hand the rest to {@link AgentStartup} on a daemon thread. Nothing here ever
 * throws into the JVM or exits it: on any failure the application runs on without the agent.
 *
 * <p>This class must not mention any {@code ai.claw.agent.bootstrap} type, nor ByteBuddy: the
 * JVM links it before {@code premain} runs, when the facade is not yet on the bootstrap path.
 */
public final class ClawAgent {

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private ClawAgent() {
    }

    public static void premain(String args, java.lang.instrument.Instrumentation jvm) {
        start(args, jvm, "javaagent");
    }

    public static void agentmain(String args, java.lang.instrument.Instrumentation jvm) {
        start(args, jvm, "attach");
    }

    static void start(final String args, final java.lang.instrument.Instrumentation jvm, final String how) {
        try {
            if (!STARTED.compareAndSet(false, true)) {
                AgentLog.warn("already running in this JVM; this second start (" + how + ") is ignored");
                return;
            }
            final long begin = System.nanoTime();
            final AgentConfig config = AgentConfig.load(args);
            AgentLog.setLevel(config.logLevel());
            for (String problem : config.problems()) {
                AgentLog.warn(problem);
            }
            BootstrapJar.append(jvm);
            // An anonymous class, not a lambda: the application's main thread waits for premain, and
            // a lambda's first use costs it the set-up of a lambda class.
            Thread init = new Thread(new Runnable() {
                @Override
                public void run() {
                    AgentStartup.run(config, jvm, how, begin);
                }
            }, "claw-ai-agent-init");
            init.setDaemon(true);
            init.start();
        } catch (Throwable t) {
            AgentLog.error("failed to start (" + t + "); the application runs without the agent");
        }
    }

    static String version() {
        String v = ClawAgent.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
