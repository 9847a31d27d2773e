package ai.claw.it.jvm;

import ai.claw.it.ForkedJvm;
import ai.claw.it.Ports;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link HelloApp} in a forked JVM. */
final class Hello {

    private Hello() {
    }

    /** Starts HelloApp with {@code jvmArgs} (which may carry -javaagent) and waits until it serves. */
    static ForkedJvm start(int port, List<String> jvmArgs, Map<String, String> env) throws IOException {
        List<String> args = new ArrayList<>(jvmArgs);
        args.add("-Xmx128m");
        args.add("-cp");
        args.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        ForkedJvm jvm = ForkedJvm.start(args, List.of(HelloApp.class.getName(), Integer.toString(port)), env);
        return jvm.awaitHttp("http://127.0.0.1:" + port + "/greet/x", Duration.ofSeconds(60));
    }

    static String agent(String args) {
        return "-javaagent:" + ForkedJvm.agentJar() + (args.isEmpty() ? "" : "=" + args);
    }

    static int freePort() {
        return Ports.free();
    }
}
