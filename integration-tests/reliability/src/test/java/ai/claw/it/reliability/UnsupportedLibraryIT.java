package ai.claw.it.reliability;

import ai.claw.it.ForkedJvm;
import ai.claw.it.Ports;
import ai.claw.it.Scrape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Library versions the agent was not built for: a "future Lettuce" whose {@code RedisCommand} no
 * longer has {@code getType()} and an "old Jedis" whose {@code CommandObject} has no
 * {@code getArguments()} (stubs compiled here, under the real package and class names the agent
 * matches). The agent's advice is woven in, fails with a {@link NoSuchMethodError} on every
 * call, and swallows it: the application's output (returns and its own exception) is the same as
 * without the agent, every failure is counted, and the log names the missing method.
 */
class UnsupportedLibraryIT {

    @TempDir
    Path dir;

    static final Map<String, String> SOURCES = Map.of(
            "io/lettuce/core/protocol/RedisCommand.java",
            "package io.lettuce.core.protocol;\n"
                    + "/** As in a Lettuce that renamed getType(). */\n"
                    + "public interface RedisCommand<K, V, T> { String name(); }\n",
            "io/lettuce/core/protocol/CompleteableCommand.java",
            "package io.lettuce.core.protocol;\npublic interface CompleteableCommand<T> { }\n",
            "io/lettuce/core/RedisChannelHandler.java",
            "package io.lettuce.core;\nimport io.lettuce.core.protocol.RedisCommand;\n"
                    + "public class RedisChannelHandler {\n"
                    + "    public <T> RedisCommand<?, ?, T> dispatch(RedisCommand<?, ?, T> command) { return command; }\n}\n",
            "redis/clients/jedis/CommandObject.java",
            "package redis.clients.jedis;\n/** As in a Jedis without getArguments(). */\n"
                    + "public class CommandObject<T> { final String reply; public CommandObject(String reply) { this.reply = reply; } }\n",
            "redis/clients/jedis/Connection.java",
            "package redis.clients.jedis;\npublic class Connection {\n"
                    + "    @SuppressWarnings(\"unchecked\")\n"
                    + "    public <T> T executeCommand(CommandObject<T> command) {\n"
                    + "        if (command.reply == null) { throw new IllegalStateException(\"ERR the server said no\"); }\n"
                    + "        return (T) command.reply;\n    }\n}\n",
            "stubapp/StubApp.java",
            "package stubapp;\n"
                    + "import io.lettuce.core.RedisChannelHandler;\nimport io.lettuce.core.protocol.*;\nimport redis.clients.jedis.*;\n"
                    + "public class StubApp {\n"
                    + "    static final class Command implements RedisCommand<String, String, String>, CompleteableCommand<String> {\n"
                    + "        final String name; Command(String name) { this.name = name; }\n"
                    + "        public String name() { return name; } public String toString() { return \"command \" + name; }\n    }\n"
                    + "    public static void main(String[] args) throws Exception {\n"
                    + "        if (args.length > 0) { waitFor(Integer.parseInt(args[0])); }\n"
                    + "        RedisChannelHandler handler = new RedisChannelHandler();\n"
                    + "        Connection connection = new Connection();\n"
                    + "        for (int i = 0; i < 3; i++) { System.out.println(\"dispatch -> \" + handler.dispatch(new Command(\"SET\" + i))); }\n"
                    + "        for (int i = 0; i < 3; i++) { System.out.println(\"executeCommand -> \" + connection.executeCommand(new CommandObject<String>(\"OK\" + i))); }\n"
                    + "        try { connection.executeCommand(new CommandObject<String>(null)); }\n"
                    + "        catch (IllegalStateException e) { System.out.println(\"executeCommand threw \" + e + \" at \" + e.getStackTrace()[0]); }\n"
                    + "        System.out.println(\"done\");\n"
                    + "        if (args.length > 0) { Thread.sleep(120_000); }\n    }\n"
                    + "    static void waitFor(int port) throws Exception {\n"
                    + "        for (int i = 0; i < 600; i++) {\n"
                    + "            try (java.net.Socket s = new java.net.Socket(\"127.0.0.1\", port)) { return; } catch (java.io.IOException e) { Thread.sleep(100); }\n"
                    + "        }\n        throw new IllegalStateException(\"the agent's port never opened\");\n    }\n}\n");

    private Path compile() throws Exception {
        Path src = dir.resolve("src");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-nowarn"));
        for (Map.Entry<String, String> e : SOURCES.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests need a JDK");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        assertEquals(0, javac.run(null, null, errors, args.toArray(new String[0])), errors.toString());
        return classes;
    }

    private static List<String> appLines(String output) {
        return output.lines().filter(l -> !l.startsWith(App.AGENT) && !l.startsWith("OpenJDK 64-Bit Server VM warning"))
                .collect(Collectors.toList());
    }

    @Test
    void advicePointingAtMethodsALibraryLacksFailsSilentlyForTheApplicationAndClearlyInTheLog() throws Exception {
        Path classes = compile();
        String without;
        try (ForkedJvm jvm = ForkedJvm.start(List.of("-cp", classes.toString()), List.of("stubapp.StubApp"), Map.of())) {
            assertEquals(0, jvm.waitFor(Duration.ofSeconds(60)), jvm.output());
            without = jvm.output();
        }
        int metrics = Ports.free();
        try (ForkedJvm jvm = ForkedJvm.start(List.of("-javaagent:" + ForkedJvm.agentJar() + "=port=" + metrics, "-cp", classes.toString()),
                List.of("stubapp.StubApp", Integer.toString(metrics)), Map.of())) {
            jvm.awaitOutput("done", Duration.ofSeconds(60));
            assertEquals(List.of("dispatch -> command SET0", "dispatch -> command SET1", "dispatch -> command SET2",
                    "executeCommand -> OK0", "executeCommand -> OK1", "executeCommand -> OK2",
                    "executeCommand threw java.lang.IllegalStateException: ERR the server said no at "
                            + "redis.clients.jedis.Connection.executeCommand(Connection.java:5)", "done"), appLines(without));
            assertEquals(appLines(without), appLines(jvm.output()));

            Scrape s = Scrape.of(metrics);
            s.assertValue(7, "claw_ai_agent_errors_total", "kind", "advice");
            assertTrue(s.samples("claw_ai_redis_operation_duration_seconds_count").isEmpty());

            List<String> warnings = jvm.output().lines().filter(l -> l.startsWith(App.AGENT) && !l.contains(" INFO "))
                    .collect(Collectors.toList());
            assertEquals(5, warnings.size(), String.join("\n", warnings));
            String prefix = "[claw-ai-agent] WARN recording failed and was skipped, the application is unaffected: java.lang.NoSuchMethodError: ";
            for (int i = 0; i < 3; i++) {
                assertTrue(warnings.get(i).startsWith(prefix) && warnings.get(i).contains("io.lettuce.core.protocol.RedisCommand.getType()")
                        && warnings.get(i).contains(" at io.lettuce.core.RedisChannelHandler.dispatch(RedisChannelHandler.java:"), warnings.get(i));
            }
            for (int i = 3; i < 5; i++) {
                assertTrue(warnings.get(i).startsWith(prefix) && warnings.get(i).contains("redis.clients.jedis.CommandObject.getArguments()")
                        && warnings.get(i).contains(" at redis.clients.jedis.Connection.executeCommand(Connection.java:"), warnings.get(i));
            }
        }
    }
}
