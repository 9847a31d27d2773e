package ai.claw.it.deploy;

import ai.claw.it.ForkedJvm;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * stack/agent-image/Dockerfile without a Docker engine: its instructions (pinned base, the jar at
 * /agent/claw-ai-agent.jar, an unprivileged user, an exec-form default command), the build
 * command in its header against the real build output, its default command run by a real
 * shell on temp dirs standing for /agent and /shared (the result is the agent jar byte for
 * byte, also when run again over an earlier copy), and the npm linter dockerfilelint.
 */
class AgentImageTest {

    static final String DOCKERFILE = "stack/agent-image/Dockerfile";
    static final String JAR_IN_IMAGE = "/agent/claw-ai-agent.jar";
    static final String SHARED_DIR = "/shared";
    static final String BUILD_COMMAND = "docker build -f stack/agent-image/Dockerfile -t claw-ai-agent:1.0.0 agent/target";

    @TempDir
    Path dir;

    record Instruction(String keyword, String args) {
    }

    static List<Instruction> instructions() {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : Repo.read(DOCKERFILE).split("\n")) {
            String line = raw.strip();
            if (current.length() == 0 && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String text = current.toString().strip();
            current.setLength(0);
            int space = text.indexOf(' ');
            out.add(new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1).strip()));
        }
        return out;
    }

    private static List<Instruction> all(String keyword) {
        return instructions().stream().filter(i -> i.keyword().equals(keyword)).collect(Collectors.toList());
    }

    private static List<String> cmd() throws Exception {
        List<Instruction> cmds = all("CMD");
        assertEquals(1, cmds.size());
        JsonNode array = Prometheus.JSON.readTree(cmds.get(0).args());
        assertTrue(array.isArray(), "CMD in exec form (JSON array): " + cmds.get(0).args());
        List<String> argv = new ArrayList<>();
        array.forEach(n -> argv.add(n.asText()));
        return argv;
    }

    @Test
    void theDockerfileCarriesOnlyTheJarOnAPinnedBaseAndRunsUnprivileged() throws Exception {
        List<Instruction> from = all("FROM");
        assertEquals(List.of(new Instruction("FROM", "busybox:1.36")), from, "a single pinned base image");
        assertEquals(List.of(new Instruction("COPY", "claw-ai-agent.jar " + JAR_IN_IMAGE)), all("COPY"));
        assertEquals(0, all("ADD").size());
        List<Instruction> users = all("USER");
        assertEquals(1, users.size());
        String user = users.get(0).args().split(":")[0];
        assertFalse(user.equals("0") || user.equals("root"), "runs unprivileged");
        assertEquals(0, all("ENTRYPOINT").size(), "no entrypoint: the command can be replaced freely");
        assertTrue(cmd().get(0).equals("sh") || cmd().get(0).equals("cp"), cmd().toString());

        String text = Repo.read(DOCKERFILE);
        assertTrue(text.contains(BUILD_COMMAND), "the header shows the build command");
        // The build context of that command holds the file COPY needs, and the BuildKit ignore
        // file beside the Dockerfile keeps exactly it.
        assertTrue(Files.isRegularFile(Repo.path("agent/target/claw-ai-agent.jar")), "agent/target/claw-ai-agent.jar is built");
        List<String> ignore = Repo.read(DOCKERFILE + ".dockerignore").lines()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toList());
        assertEquals(List.of("*", "!claw-ai-agent.jar"), ignore);
    }

    @Test
    void theDefaultCommandCopiesTheJarIntoTheSharedVolumeAtomically() throws Exception {
        List<String> argv = cmd();
        Path agentDir = Files.createDirectories(dir.resolve("agent"));
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Path jar = Path.of(ForkedJvm.agentJar());
        Files.copy(jar, agentDir.resolve("claw-ai-agent.jar"));
        List<String> local = argv.stream()
                .map(a -> a.replace(JAR_IN_IMAGE, agentDir.resolve("claw-ai-agent.jar").toString())
                        .replace(SHARED_DIR + "/", shared + "/").replace(SHARED_DIR + " ", shared + " "))
                .collect(Collectors.toList());
        assertFalse(java.util.regex.Pattern.compile("(?<![\\w/.-])(" + SHARED_DIR + "|/agent)/").matcher(String.join(" ", local)).find(),
                "every container path was mapped: " + local);
        // An earlier, different jar on a reused volume is replaced.
        Files.writeString(shared.resolve("claw-ai-agent.jar"), "an older agent");
        for (int run = 0; run < 2; run++) {
            Proc.ok(local, shared.toFile(), Map.of(), 60);
            assertArrayEquals(Files.readAllBytes(jar), Files.readAllBytes(shared.resolve("claw-ai-agent.jar")));
            try (var files = Files.list(shared)) {
                assertEquals(List.of("claw-ai-agent.jar"), files.map(p -> p.getFileName().toString()).collect(Collectors.toList()),
                        "no temporary file left");
            }
        }
    }

    @Test
    void dockerfilelintFindsNoIssue() {
        String npm = Repo.which("npm");
        Assumptions.assumeTrue(npm != null, "npm is not installed");
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "claw-ai-deploy", "dockerfilelint");
        Path bin = cache.resolve("node_modules/.bin/dockerfilelint");
        if (!Files.isExecutable(bin)) {
            try {
                Files.createDirectories(cache);
                if (!Files.exists(cache.resolve("package.json"))) {
                    Files.writeString(cache.resolve("package.json"), "{\"name\":\"claw-ai-deploy-lint\",\"private\":true}\n");
                }
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            Proc.Result r = Proc.run(List.of(npm, "install", "--silent", "--no-audit", "--no-fund", "dockerfilelint@1.8.0"),
                    cache.toFile(), null, 300);
            Assumptions.assumeTrue(r.exit() == 0 && Files.isExecutable(bin), "cannot install dockerfilelint from npm: " + r.output());
        }
        Proc.Result lint = Proc.run(List.of(bin.toString(), Repo.path(DOCKERFILE).toString()), Repo.root().toFile(), null, 120);
        assertEquals(0, lint.exit(), lint.output());
        assertTrue(lint.output().contains("Issues: None found"), lint.output());
    }
}
