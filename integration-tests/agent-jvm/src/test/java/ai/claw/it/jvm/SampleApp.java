package ai.claw.it.jvm;

import ai.claw.it.ForkedJvm;
import ai.claw.it.Ports;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The sample app jar in a forked JVM, with or without the agent. */
final class SampleApp {

    final ForkedJvm jvm;
    final int appPort;

    private SampleApp(ForkedJvm jvm, int appPort) {
        this.jvm = jvm;
        this.appPort = appPort;
    }

    /** {@code agentArgs} null: no agent. */
    static SampleApp start(String agentArgs, List<String> jvmArgs, Map<String, String> env) throws IOException {
        int port = Ports.free();
        List<String> args = new ArrayList<>(jvmArgs);
        if (agentArgs != null) {
            args.add(0, "-javaagent:" + ForkedJvm.agentJar() + (agentArgs.isEmpty() ? "" : "=" + agentArgs));
        }
        args.add("-Xmx256m");
        ForkedJvm jvm = ForkedJvm.start(args,
                List.of("-jar", System.getProperty("claw.sample.jar"), "--port", Integer.toString(port)), env);
        jvm.awaitHttp("http://127.0.0.1:" + port + "/api/health", Duration.ofSeconds(90));
        return new SampleApp(jvm, port);
    }

    String url(String path) {
        return "http://127.0.0.1:" + appPort + path;
    }
}
