package ai.claw.it.ai.annotations;

import ai.claw.agent.api.ClawMetrics;
import ai.claw.agent.api.TrackAiResponse;

/** A JVM started without the agent whose annotated class is loaded and running before the agent attaches. */
public final class AttachTarget {

    @TrackAiResponse(model = "attached")
    static String answer() {
        return "a";
    }

    public static void main(String[] args) throws InterruptedException {
        answer();
        ClawMetrics.trackMessage("attached-role");
        System.out.println("ready");
        while (true) {
            answer();
            ClawMetrics.trackMessage("attached-role");
            Thread.sleep(20);
        }
    }
}
