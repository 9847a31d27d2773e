package ai.claw.agent.config;

import ai.claw.agent.AgentLog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The agent's configuration. Each key is looked up, highest first, in: agent arguments
 * ({@code k=v,k=v}), system properties {@code -Dclaw.ai.<key>}, environment
 * {@code CLAW_AI_<KEY>}, the properties file named by {@code config}, then the default.
 * A bad value is reported in one line and skipped, so the next source (or the default) applies;
 * an unknown key is reported and ignored. Loading never throws.
 */
public final class AgentConfig {

    private final Map<String, String> values;
    private final List<String> problems;

    private AgentConfig(Map<String, String> values, List<String> problems) {
        this.values = values;
        this.problems = Collections.unmodifiableList(problems);
    }

    /** Loads from the real JVM: system properties and environment. */
    public static AgentConfig load(String agentArgs) {
        Map<String, String> properties = new HashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("claw.ai.")) {
                properties.put(name, System.getProperty(name));
            }
        }
        return load(agentArgs, properties, System.getenv());
    }

    /** Pure form for tests: the three sources are passed in. */
    public static AgentConfig load(String agentArgs, Map<String, String> systemProperties, Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        sources.add(new Source("agent arguments", parseArguments(agentArgs, problems)));
        sources.add(new Source("system properties", fromSystemProperties(systemProperties, problems)));
        sources.add(new Source("environment", fromEnvironment(environment, problems)));

        String file = null;
        for (Source source : sources) {
            if (file == null) {
                file = source.entries.get(ConfigKey.CONFIG_FILE.name);
            }
        }
        if (file != null) {
            sources.add(new Source("config file " + file, readFile(file, problems)));
        }

        Map<String, String> values = new HashMap<>();
        for (ConfigKey key : ConfigKey.ALL.values()) {
            String chosen = key.defaultValue;
            for (Source source : sources) {
                String raw = source.entries.get(key.name);
                if (raw == null) {
                    continue;
                }
                String expected = key.check(raw);
                if (expected == null) {
                    chosen = raw.trim();
                    break;
                }
                problems.add("config key '" + key.name + "' from " + source.name + " has invalid value '"
                        + printable(key, raw) + "': expected " + expected + "; ignored");
            }
            if (chosen != null) {
                values.put(key.name, chosen);
            }
        }
        boolean user = values.containsKey(ConfigKey.AUTH_USERNAME.name);
        boolean password = values.containsKey(ConfigKey.AUTH_PASSWORD.name);
        if (user != password) {
            problems.add("config keys 'auth.username' and 'auth.password' must be set together; /metrics stays without authentication");
            values.remove(ConfigKey.AUTH_USERNAME.name);
            values.remove(ConfigKey.AUTH_PASSWORD.name);
        }
        return new AgentConfig(values, problems);
    }

    public int port() {
        return Integer.parseInt(values.get(ConfigKey.PORT.name));
    }

    public String host() {
        return values.get(ConfigKey.HOST.name);
    }

    public int cardinalityLimit() {
        return Integer.parseInt(values.get(ConfigKey.CARDINALITY_LIMIT.name));
    }

    public boolean isEnabled(String instrumentation) {
        return Boolean.parseBoolean(values.get(ConfigKey.enabledKey(instrumentation).name));
    }

    /** Null unless both {@code auth.username} and {@code auth.password} are set. */
    public String authUsername() {
        return values.get(ConfigKey.AUTH_USERNAME.name);
    }

    public String authPassword() {
        return values.get(ConfigKey.AUTH_PASSWORD.name);
    }

    public AgentLog.Level logLevel() {
        return AgentLog.parseLevel(values.get(ConfigKey.LOG_LEVEL.name));
    }

    /** One line per unknown key or bad value, for the log. */
    public List<String> problems() {
        return problems;
    }

    private static Map<String, String> parseArguments(String args, List<String> problems) {
        Map<String, String> entries = new HashMap<>();
        if (args == null || args.trim().isEmpty()) {
            return entries;
        }
        for (String part : args.split(",")) {
            if (part.trim().isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                problems.add("agent argument '" + part.trim() + "' is not of the form key=value; ignored");
                continue;
            }
            putKnown(entries, part.substring(0, eq).trim(), part.substring(eq + 1), "agent arguments", problems);
        }
        return entries;
    }

    private static Map<String, String> fromSystemProperties(Map<String, String> properties, List<String> problems) {
        Map<String, String> entries = new HashMap<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getKey().startsWith("claw.ai.")) {
                putKnown(entries, e.getKey().substring("claw.ai.".length()), e.getValue(), "system property -D" + e.getKey(), problems);
            }
        }
        return entries;
    }

    private static Map<String, String> fromEnvironment(Map<String, String> environment, List<String> problems) {
        Map<String, String> byVariable = new HashMap<>();
        for (ConfigKey key : ConfigKey.ALL.values()) {
            byVariable.put(key.environmentVariable(), key.name);
        }
        Map<String, String> entries = new HashMap<>();
        for (Map.Entry<String, String> e : environment.entrySet()) {
            if (!e.getKey().startsWith("CLAW_AI_")) {
                continue;
            }
            String name = byVariable.get(e.getKey());
            if (name == null) {
                problems.add("unknown environment variable " + e.getKey() + " (known keys: " + ConfigKey.names() + "); ignored");
            } else {
                entries.put(name, e.getValue());
            }
        }
        return entries;
    }

    private static Map<String, String> readFile(String file, List<String> problems) {
        Map<String, String> entries = new HashMap<>();
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Paths.get(file))) {
            properties.load(in);
        } catch (IOException | RuntimeException e) {
            problems.add("config file '" + file + "' cannot be read (" + e + "); using the other sources");
            return entries;
        }
        for (String name : properties.stringPropertyNames()) {
            String key = name.startsWith("claw.ai.") ? name.substring("claw.ai.".length()) : name;
            putKnown(entries, key, properties.getProperty(name), "config file " + file, problems);
        }
        return entries;
    }

    private static void putKnown(Map<String, String> entries, String key, String value, String source, List<String> problems) {
        if (ConfigKey.ALL.containsKey(key)) {
            entries.put(key, value);
        } else {
            problems.add("unknown config key '" + key + "' in " + source + " (known keys: " + ConfigKey.names() + "); ignored");
        }
    }

    /** Secrets never reach the log. */
    private static String printable(ConfigKey key, String raw) {
        return key == ConfigKey.AUTH_PASSWORD ? "***" : raw;
    }

    private static final class Source {
        final String name;
        final Map<String, String> entries;

        Source(String name, Map<String, String> entries) {
            this.name = name;
            this.entries = entries;
        }
    }
}
