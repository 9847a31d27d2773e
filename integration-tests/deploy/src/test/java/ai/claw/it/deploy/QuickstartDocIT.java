package ai.claw.it.deploy;

import ai.claw.it.ForkedJvm;
import ai.claw.it.Http;
import ai.claw.it.Ports;
import ai.claw.it.Scrape;
import ai.claw.it.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every shell command in a fenced block of docs/QUICKSTART.md is either run here, in the
 * order the guide gives (on free ports instead of 9464/8080, repository paths made absolute,
 * curl done with an HTTP client), or matched by a rule naming where it is covered; a command
 * matching no rule fails the test, so a command added to the guide needs coverage first.
 * Blocks made only of {@code [claw-ai-agent]} lines are the agent's expected output and are
 * compared with what the JVM started just before printed.
 */
class QuickstartDocIT {

    /** The guide; {@code -Dclaw.quickstart.doc=PATH} checks a draft (relative to the repository root) instead. */
    private static final String DOC = System.getProperty("claw.quickstart.doc", "docs/QUICKSTART.md");
    private static final Duration START = Duration.ofSeconds(120);

    enum Kind { RUN, ELSEWHERE, NOT_RUNNABLE }

    record Rule(String id, Pattern pattern, Kind kind, String note) {
    }

    private static Rule run(String id, String regex, String note) {
        return new Rule(id, Pattern.compile(regex), Kind.RUN, note);
    }

    private static Rule elsewhere(String id, String regex, String note) {
        return new Rule(id, Pattern.compile(regex), Kind.ELSEWHERE, note);
    }

    /** Every command the guide may contain, and how it is covered. First match wins. */
    static final List<Rule> RULES = List.of(
            new Rule("clone", Pattern.compile("git clone \\S.*"), Kind.NOT_RUNNABLE,
                    "placeholder URL; this test runs inside a clone"),
            new Rule("cd-clone", Pattern.compile("cd claw-ai"), Kind.NOT_RUNNABLE, "the clone's folder: this test runs from the repository root"),
            run("build", "mvn( -q)?( -DskipTests)?( -pl [\\w,/-]+ -am)? package( -DskipTests)?",
                    "the reactor running this test built those modules: they must be reactor modules and their jars exist"),
            run("ls", "ls( -l)? [\\w./-]+", "run by /bin/sh in the repository root"),
            run("java-agent", "java -javaagent:\\S+ -jar \\S+\\.jar( --[\\w-]+( [\\w-]+)?)*", "run with CLAW_AI_PORT and --port on free ports"),
            run("curl-app", "curl -s -XPOST -H 'Content-Type: application/json' -d '([^']*)' localhost:8080(/[\\w/-]*)",
                    "HTTP POST of that body to the app started last, on its real port; 2xx expected"),
            run("curl-grep", "curl -s localhost:9464(/[\\w/-]*)? \\| grep '[^']+'", "HTTP GET on the agent's port, the grep applied"),
            run("curl", "curl -s localhost:9464(/[\\w/-]*)?", "HTTP GET on the agent's port, 200 expected"),
            run("export", "export (JAVA_TOOL_OPTIONS|CLAW_AI_[A-Z_]+)=\\S+", "the sample app started with these variables (free port, real jar path)"),
            run("agent-list", "java -jar \\S*claw-ai-agent\\.jar list", "run for real; a running JVM must be listed"),
            run("agent-attach", "java -jar \\S*claw-ai-agent\\.jar attach <pid>( [\\w.=,-]+)?", "run for real against a running JVM without the agent"),
            run("cp-env", "cp stack/\\.env\\.example stack/\\.env", "copied to a temp file instead (the tree stays clean)"),
            run("compose", "docker compose -f stack/docker-compose\\.yml (up -d|up|ps|config( -q)?)",
                    "no Docker engine here: `docker-compose config -q` on the same file when docker-compose is installed; "
                            + "stack/validate.sh checks it in depth"),
            run("kubectl", "kubectl (apply -k|kustomize) stack/kubernetes(/\\S*)?",
                    "rendered offline with `kubectl kustomize`; KubernetesManifestsTest checks the result against the schema"),
            elsewhere("docker-build", "docker build -f stack/agent-image/Dockerfile -t \\S+ agent/target",
                    "no Docker engine here: AgentImageTest checks the Dockerfile, its build context and its default command"),
            new Rule("registry", Pattern.compile("docker (tag|push) \\S+( \\S+)?"), Kind.NOT_RUNNABLE,
                    "needs a Docker engine and your registry; the image is checked by AgentImageTest"),
            elsewhere("run-local", "stack/run-local\\.sh (start|stop|status|restart|reload|config)",
                    "stack/validate.sh (run-local.sh's generated config)"),
            elsewhere("validate", "bash stack/validate\\.sh", "the stack's own validation script"),
            elsewhere("verify", "mvn -B( --fail-at-end)? verify", "the CI entry point .ci/run runs it"));

    record Command(String text, int line) {
    }

    record Block(String language, List<String> lines, int line) {
    }

    @TempDir
    Path dir;

    private final List<ForkedJvm> jvms = new ArrayList<>();

    @AfterEach
    void stopJvms() {
        jvms.forEach(ForkedJvm::close);
    }

    static List<Block> blocks(String markdown) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("```")) {
                String lang = line.substring(3).strip();
                List<String> body = new ArrayList<>();
                int start = i + 1;
                for (i++; i < lines.length && !lines[i].strip().startsWith("```"); i++) {
                    body.add(lines[i]);
                }
                blocks.add(new Block(lang, body, start));
            }
        }
        return blocks;
    }

    static boolean isShell(Block b) {
        return List.of("", "bash", "sh", "shell", "console").contains(b.language());
    }

    static boolean isAgentOutput(Block b) {
        List<String> nonEmpty = b.lines().stream().filter(l -> !l.isBlank()).collect(Collectors.toList());
        return !nonEmpty.isEmpty() && nonEmpty.stream().allMatch(l -> l.startsWith("[claw-ai-agent]"));
    }

    /** The commands of a shell block: continuation lines joined, comments dropped, `a && b` split. */
    static List<Command> commands(Block b) {
        List<Command> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int first = -1;
        for (int i = 0; i < b.lines().size(); i++) {
            String line = b.lines().get(i).strip();
            if (current.length() == 0 && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (first < 0) {
                first = b.line() + i + 1;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String full = current.toString().replaceAll("\\s+#.*$", "").strip();
            for (String part : full.split("\\s*(&&|;)\\s*")) {
                if (!part.isBlank()) {
                    out.add(new Command(part.strip().replaceAll("\\s+", " "), first));
                }
            }
            current.setLength(0);
            first = -1;
        }
        return out;
    }

    static Rule ruleFor(String command) {
        return RULES.stream().filter(r -> r.pattern().matcher(command).matches()).findFirst().orElse(null);
    }

    @Test
    void everyShellCommandOfTheGuideMatchesACoverageRule() {
        List<String> uncovered = new ArrayList<>();
        int count = 0;
        for (Block b : blocks(Repo.read(DOC))) {
            if (!isShell(b) || isAgentOutput(b)) {
                continue;
            }
            for (Command c : commands(b)) {
                count++;
                if (ruleFor(c.text()) == null) {
                    uncovered.add(DOC + ":" + c.line() + ": " + c.text());
                }
            }
        }
        assertTrue(count > 5, "found only " + count + " commands in " + DOC);
        assertEquals(List.of(), uncovered, "commands with no coverage rule in QuickstartDocIT.RULES: run them there, "
                + "or name the test that covers them");
        // The parser itself: continuations, comments and && chains.
        Block sample = new Block("", List.of("# a comment", "git clone <this repository> claw-ai && cd claw-ai",
                "mvn -q -DskipTests \\", "  -pl agent,sample-app -am package   # build"), 0);
        assertEquals(List.of("git clone <this repository> claw-ai", "cd claw-ai", "mvn -q -DskipTests -pl agent,sample-app -am package"),
                commands(sample).stream().map(Command::text).collect(Collectors.toList()));
        assertEquals(null, ruleFor("rm -rf /"));
    }

    // ------------------------------------------------------------------ running the guide

    private ForkedJvm current;
    private int currentMetricsPort;
    private int currentAppPort;
    private ForkedJvm attachTarget;
    private int attachTargetAppPort;
    private final Map<String, String> exported = new LinkedHashMap<>();
    private final List<String> report = new ArrayList<>();

    @Test
    void theGuideRunsAsWritten() throws Exception {
        // A JVM without the agent for `list` and `attach`, started early: it boots while the rest runs.
        attachTargetAppPort = Ports.free();
        attachTarget = startTinyApp(attachTargetAppPort, List.of("-XX:+EnableDynamicAgentLoading"), Map.of());
        jvms.add(attachTarget);

        List<String> uncovered = new ArrayList<>();
        for (Block b : blocks(Repo.read(DOC))) {
            if (!isShell(b)) {
                continue;
            }
            if (isAgentOutput(b)) {
                checkAgentOutput(b);
                continue;
            }
            for (Command c : commands(b)) {
                Rule rule = ruleFor(c.text());
                if (rule == null) {
                    uncovered.add(DOC + ":" + c.line() + ": " + c.text());
                    continue;
                }
                if (!rule.id().equals("export")) {
                    flushExports();
                }
                execute(rule, c);
                report.add(String.format("%-12s %-10s %s", rule.id(), rule.kind(), c.text()));
            }
            flushExports();
        }
        System.out.println("docs/QUICKSTART.md commands:\n  " + String.join("\n  ", report));
        assertEquals(List.of(), uncovered);
    }

    private void execute(Rule rule, Command c) throws Exception {
        String cmd = c.text();
        switch (rule.id()) {
            case "clone", "cd-clone", "docker-build", "registry", "run-local", "validate", "verify" -> {
                // Not runnable here, or covered by the test/script the rule names.
            }
            case "build" -> checkBuild(cmd);
            case "ls" -> Proc.ok(List.of("/bin/sh", "-c", cmd), Repo.root().toFile(), null, 30);
            case "java-agent" -> startWithAgentFlag(cmd);
            case "curl-grep", "curl" -> curl(cmd);
            case "curl-app" -> postToApp(cmd);
            case "export" -> {
                Matcher m = Pattern.compile("export ([A-Z_]+)=(\\S+)").matcher(cmd);
                assertTrue(m.matches(), cmd);
                exported.put(m.group(1), m.group(2).replaceAll("^\"|\"$", "").replaceAll("^'|'$", ""));
            }
            case "agent-list" -> agentList(cmd);
            case "agent-attach" -> agentAttach(cmd);
            case "cp-env" -> {
                Path target = dir.resolve(".env");
                Files.copy(Repo.path("stack/.env.example"), target);
                assertTrue(Files.size(target) > 0);
            }
            case "compose" -> composeConfig();
            case "kubectl" -> {
                String kubectl = Repo.requireTool("kubectl", "kubectl with kustomize");
                String path = cmd.replaceAll(".* (stack/kubernetes\\S*)$", "$1");
                String out = Proc.ok(List.of(kubectl, "kustomize", path), Repo.root().toFile(), null, 120);
                assertTrue(out.contains("kind: Deployment"), out);
            }
            default -> fail("no handler for rule " + rule.id());
        }
    }

    /** {@link TinyApp} in a forked JVM (the guide's "any Java application"). */
    private static ForkedJvm startTinyApp(int port, List<String> jvmArgs, Map<String, String> env) throws java.io.IOException {
        List<String> args = new ArrayList<>(jvmArgs);
        args.add("-Xmx64m");
        args.add("-cp");
        args.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        return ForkedJvm.start(args, List.of(TinyApp.class.getName(), Integer.toString(port)), env);
    }

    private static String sampleJar() {
        return System.getProperty("claw.sample.jar");
    }

    /** Repository-relative paths of the guide made absolute (forked JVMs run in this module's folder). */
    private static String absolute(String token) {
        String t = token;
        for (String prefix : List.of("agent/target/", "sample-app/target/")) {
            if (t.contains(prefix) && !t.contains("/" + prefix)) {
                t = t.replace(prefix, Repo.root().resolve(prefix) + "/");
            }
        }
        return t;
    }

    private void checkBuild(String cmd) {
        Matcher pl = Pattern.compile("-pl ([\\w,/-]+)").matcher(cmd);
        String rootPom = Repo.read("pom.xml");
        if (pl.find()) {
            for (String module : pl.group(1).split(",")) {
                assertTrue(rootPom.contains("<module>" + module + "</module>"), "-pl " + module + " is a module of the root pom");
            }
        }
        assertTrue(Files.isRegularFile(Repo.path("agent/target/claw-ai-agent.jar")));
        assertTrue(Files.isRegularFile(Path.of(sampleJar())));
    }

    private void replaceCurrent(ForkedJvm jvm, int metricsPort) {
        if (current != null) {
            current.close();
        }
        current = jvm;
        currentMetricsPort = metricsPort;
        jvms.add(jvm);
    }

    private void startWithAgentFlag(String cmd) throws Exception {
        List<String> tokens = List.of(cmd.split(" "));
        int jar = tokens.indexOf("-jar");
        List<String> jvmArgs = tokens.subList(1, jar).stream().map(QuickstartDocIT::absolute).collect(Collectors.toList());
        List<String> main = new ArrayList<>(tokens.subList(jar, tokens.size()).stream().map(QuickstartDocIT::absolute).collect(Collectors.toList()));
        int metrics = Ports.free();
        int app = Ports.free();
        main.addAll(List.of("--port", Integer.toString(app)));
        ForkedJvm jvm = ForkedJvm.start(jvmArgs, main, Map.of("CLAW_AI_PORT", Integer.toString(metrics)));
        replaceCurrent(jvm, metrics);
        currentAppPort = app;
        jvm.awaitHttp("http://127.0.0.1:" + app + "/api/health", START);
        jvm.awaitHttp("http://127.0.0.1:" + metrics + "/-/healthy", Duration.ofSeconds(30));
    }

    private void checkAgentOutput(Block b) {
        assertTrue(current != null, "agent output shown before any JVM was started (" + DOC + ":" + b.line() + ")");
        String out = current.output();
        for (String expected : b.lines()) {
            if (expected.isBlank()) {
                continue;
            }
            String regex = Pattern.quote(expected.strip().replace("9464", Integer.toString(currentMetricsPort)))
                    .replace(", ...", "\\E(?:, [^\\]]+)?\\Q")
                    .replace("...", "\\E.*\\Q");
            Pattern p = Pattern.compile(regex);
            assertTrue(out.lines().anyMatch(l -> p.matcher(l).matches()),
                    "the guide shows '" + expected + "' but the JVM printed:\n" + out);
        }
        report.add(String.format("%-12s %-10s %s", "output", "RUN", b.lines().size() + " agent line(s) matched"));
    }

    private void curl(String cmd) throws Exception {
        assertTrue(current != null, "curl before any JVM with the agent was started: " + cmd);
        Matcher m = Pattern.compile("curl -s localhost:9464(/[\\w/-]*)?(?: \\| grep '([^']+)')?").matcher(cmd);
        assertTrue(m.matches(), cmd);
        String path = m.group(1) == null ? "/" : m.group(1);
        String url = "http://127.0.0.1:" + currentMetricsPort + path;
        if (m.group(2) == null) {
            Http.Response r = Http.get(url);
            assertEquals(200, r.status(), cmd + " -> " + r.text());
            return;
        }
        Pattern grep = Pattern.compile(m.group(2));
        String[] last = {""};
        try {
            Waits.until(Duration.ofSeconds(60), cmd + " prints something", () -> {
                try {
                    Http.Response r = Http.get(url);
                    last[0] = r.text();
                    return r.status() == 200 && r.text().lines().anyMatch(l -> grep.matcher(l).find());
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last scrape:\n" + last[0], e);
        }
    }

    private void postToApp(String cmd) throws Exception {
        assertTrue(current != null && currentAppPort > 0, "POST before the app was started: " + cmd);
        Matcher m = Pattern.compile("curl -s -XPOST -H 'Content-Type: application/json' -d '([^']*)' localhost:8080(/[\\w/-]*)").matcher(cmd);
        assertTrue(m.matches(), cmd);
        Http.Response r = Http.post("http://127.0.0.1:" + currentAppPort + m.group(2), m.group(1));
        assertTrue(r.status() >= 200 && r.status() < 300, cmd + " -> " + r.status() + " " + r.text());
    }

    /** The exported variables, with the guide's jar path and port replaced, given to the sample app. */
    private void flushExports() throws Exception {
        if (exported.isEmpty()) {
            return;
        }
        Map<String, String> env = new LinkedHashMap<>();
        int metrics = Ports.free();
        for (Map.Entry<String, String> e : exported.entrySet()) {
            String value = e.getValue().replaceAll("-javaagent:\\S*claw-ai-agent\\.jar", "-javaagent:" + ForkedJvm.agentJar());
            if (e.getKey().equals("CLAW_AI_PORT")) {
                value = Integer.toString(metrics);
            }
            env.put(e.getKey(), value);
        }
        exported.clear();
        assertTrue(env.getOrDefault("JAVA_TOOL_OPTIONS", "").contains("-javaagent:"), "the exports set JAVA_TOOL_OPTIONS: " + env);
        assertTrue(env.containsKey("CLAW_AI_PORT"), "the exports set CLAW_AI_PORT: " + env);
        int app = Ports.free();
        ForkedJvm jvm = startTinyApp(app, List.of(), env);
        replaceCurrent(jvm, metrics);
        jvm.awaitHttp("http://127.0.0.1:" + app + "/api/health", START);
        jvm.awaitHttp("http://127.0.0.1:" + metrics + "/-/healthy", Duration.ofSeconds(60));
        assertTrue(!Scrape.of(metrics).samples("claw_ai_agent_info").isEmpty(), Scrape.of(metrics).text());
        assertTrue(jvm.output().startsWith("Picked up JAVA_TOOL_OPTIONS: " + env.get("JAVA_TOOL_OPTIONS")), jvm.output());
        assertTrue(jvm.output().contains("[claw-ai-agent] INFO metrics on http://0.0.0.0:" + metrics + "/metrics"), jvm.output());
        report.add(String.format("%-12s %-10s %s", "exports", "RUN", "a JVM started with " + env.keySet() + " only"));
    }

    private List<String> cliCommand(String cmd) {
        List<String> tokens = new ArrayList<>(List.of(cmd.split(" ")));
        tokens.set(0, ForkedJvm.javaBin());
        return tokens.stream().map(QuickstartDocIT::absolute).collect(Collectors.toList());
    }

    private void agentList(String cmd) {
        attachTarget.awaitHttp("http://127.0.0.1:" + attachTargetAppPort + "/api/health", START);
        String out = Proc.ok(cliCommand(cmd), Repo.root().toFile(), null, 60);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s*" + attachTarget.pid() + "\\b.*")),
                "`list` shows the running JVM " + attachTarget.pid() + ":\n" + out);
    }

    private void agentAttach(String cmd) throws Exception {
        attachTarget.awaitHttp("http://127.0.0.1:" + attachTargetAppPort + "/api/health", START);
        int metrics = Ports.free();
        String real = cmd.replace("<pid>", Long.toString(attachTarget.pid())).replaceAll("port=\\d+", "port=" + metrics);
        if (!real.contains("port=")) {
            real = real + " port=" + metrics;
        }
        String out = Proc.ok(cliCommand(real), Repo.root().toFile(), null, 120);
        assertTrue(out.contains("attached"), out);
        attachTarget.awaitHttp("http://127.0.0.1:" + metrics + "/-/healthy", Duration.ofSeconds(60));
        assertTrue(!Scrape.of(metrics).samples("claw_ai_agent_info").isEmpty(), Scrape.of(metrics).text());
        assertTrue(attachTarget.output().contains("(attach)"), attachTarget.output());
    }

    private void composeConfig() {
        String compose = Repo.which("docker-compose");
        if (compose == null) {
            report.add("compose      ELSEWHERE  docker-compose not installed: stack/validate.sh covers it");
            return;
        }
        Proc.ok(List.of(compose, "--env-file", Repo.path("stack/.env.example").toString(), "-f",
                        Repo.path("stack/docker-compose.yml").toString(), "config", "-q"),
                dir.toFile(), Map.of("GRAFANA_ADMIN_PASSWORD", "quickstart-dummy"), 60);
    }
}
