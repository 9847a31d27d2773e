package ai.claw.sample;

import org.springframework.core.env.Environment;

/**
 * Where the real OpenAI clients send their requests: this app's own OpenAI-compatible endpoint
 * ({@link LocalModelServer}), known once the web server has its port.
 */
final class LocalModelEndpoint {

    static final String API_KEY = "claw-local-key";

    private final Environment environment;

    LocalModelEndpoint(Environment environment) {
        this.environment = environment;
    }

    /** {@code http://127.0.0.1:<port>/v1}. */
    String baseUrl() {
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            throw new SimulatedChatModel.ModelFailureException("the local model endpoint is not up yet");
        }
        return "http://127.0.0.1:" + port + "/v1";
    }
}
