package ai.claw.it.stack;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Debian binaries the real-data test runs. Missing ones are installed when the test runs as
 * root with apt-get (as .ci/run does); otherwise the test is skipped with the reason, or fails in
 * CI (env {@code CI} set), so nothing passes because a server was missing.
 */
final class Tools {

    /** binary → Debian package. */
    static final Map<String, String> PACKAGES = new LinkedHashMap<>();

    static {
        PACKAGES.put("nginx", "nginx");
        PACKAGES.put("prometheus", "prometheus");
        PACKAGES.put("promtool", "prometheus");
        PACKAGES.put("prometheus-alertmanager", "prometheus-alertmanager");
        PACKAGES.put("prometheus-node-exporter", "prometheus-node-exporter");
        PACKAGES.put("prometheus-postgres-exporter", "prometheus-postgres-exporter");
        PACKAGES.put("prometheus-redis-exporter", "prometheus-redis-exporter");
        PACKAGES.put("prometheus-nginx-exporter", "prometheus-nginx-exporter");
    }

    private Tools() {
    }

    /** Absolute path of every binary of {@link #PACKAGES}, installing what is missing if possible. */
    static Map<String, String> require() throws IOException {
        Set<String> missing = missingPackages();
        if (!missing.isEmpty() && isRoot() && Repo.which("apt-get") != null) {
            System.out.println("installing " + missing + " ...");
            List<String> install = new ArrayList<>(List.of("apt-get", "-o", "DPkg::Lock::Timeout=600", "install", "-y",
                    "--no-install-recommends"));
            install.addAll(missing);
            Map<String, String> env = Map.of("DEBIAN_FRONTEND", "noninteractive");
            Repo.Result r = Repo.run(Repo.root(), Duration.ofMinutes(15), env, install);
            if (r.exitCode() != 0) {
                Repo.run(Repo.root(), Duration.ofMinutes(10), env, List.of("apt-get", "-o", "DPkg::Lock::Timeout=600", "update"));
                r = Repo.run(Repo.root(), Duration.ofMinutes(15), env, install);
            }
            if (r.exitCode() != 0) {
                System.out.println("apt-get install failed:\n" + Repo.tail(r.output(), 30));
            }
            missing = missingPackages();
        }
        if (!missing.isEmpty()) {
            String message = "Debian packages missing: " + missing + " (apt-get -o DPkg::Lock::Timeout=600 install -y "
                    + "--no-install-recommends " + String.join(" ", new LinkedHashSet<>(PACKAGES.values())) + ")";
            if (System.getenv("CI") != null) {
                throw new AssertionError(message + " (CI must install them: see .ci/run)");
            }
            Assumptions.abort(message);
        }
        Map<String, String> paths = new LinkedHashMap<>();
        for (String binary : PACKAGES.keySet()) {
            paths.put(binary, Repo.which(binary));
        }
        return paths;
    }

    private static Set<String> missingPackages() {
        Set<String> missing = new LinkedHashSet<>();
        PACKAGES.forEach((binary, pkg) -> {
            if (Repo.which(binary) == null) {
                missing.add(pkg);
            }
        });
        return missing;
    }

    private static boolean isRoot() {
        try {
            return Repo.run(Repo.root(), Duration.ofSeconds(10), Map.of(), List.of("id", "-u")).output().strip().equals("0");
        } catch (IOException e) {
            return false;
        }
    }
}
