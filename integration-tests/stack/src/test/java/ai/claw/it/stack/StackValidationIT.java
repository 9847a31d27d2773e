package ai.claw.it.stack;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code bash stack/validate.sh} inside the build: promtool check config/rules and test rules,
 * amtool check-config, docker-compose config, the dashboards' structure, PromQL and LogQL, the
 * Nginx config and run-local.sh. Its output is echoed, in full on failure.
 */
class StackValidationIT {

    @Test
    void validateShPasses() throws Exception {
        Repo.Result r = Repo.run(Repo.root(), Duration.ofMinutes(10), Map.of(), List.of("bash", "stack/validate.sh"));
        System.out.println("---- bash stack/validate.sh (exit " + r.exitCode() + ")\n" + r.output());
        assertEquals(0, r.exitCode(), "bash stack/validate.sh failed (exit " + r.exitCode() + "):\n" + r.output());
    }
}
