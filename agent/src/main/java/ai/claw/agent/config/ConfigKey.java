package ai.claw.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every configuration key the agent understands, with its default and how its value is checked. */
public final class ConfigKey {

    /** Names accepted in {@code instrumentation.<name>.enabled}. */
    public static final List<String> INSTRUMENTATIONS = Collections.unmodifiableList(java.util.Arrays.asList(
            "servlet", "jdbc", "hikari", "jedis", "lettuce", "annotations", "jvm", "langchain4j", "spring-ai", "openai"));

    /** How a value is validated. */
    public enum Type {
        PORT("an integer from 0 to 65535"),
        POSITIVE_INT("a positive integer"),
        BOOLEAN("true or false"),
        LOG_LEVEL("one of off, error, warn, info, debug"),
        TEXT("a non-empty string");

        final String expectation;

        Type(String expectation) {
            this.expectation = expectation;
        }
    }

    public static final ConfigKey PORT = new ConfigKey("port", Type.PORT, "9464",
            "side HTTP port serving /metrics and /-/healthy");
    public static final ConfigKey HOST = new ConfigKey("host", Type.TEXT, "0.0.0.0", "bind address of that port");
    public static final ConfigKey CARDINALITY_LIMIT = new ConfigKey("cardinality.limit", Type.POSITIVE_INT, "1000",
            "most label sets per metric; past it new sets are folded into label value OTHER");
    public static final ConfigKey AUTH_USERNAME = new ConfigKey("auth.username", Type.TEXT, null,
            "with auth.password, /metrics requires HTTP basic auth");
    public static final ConfigKey AUTH_PASSWORD = new ConfigKey("auth.password", Type.TEXT, null,
            "with auth.username, /metrics requires HTTP basic auth");
    public static final ConfigKey LOG_LEVEL = new ConfigKey("log.level", Type.LOG_LEVEL, "info",
            "the agent's own logging: off, error, warn, info, debug");
    /** Names the properties file; read from agent arguments, system property or environment only. */
    public static final ConfigKey CONFIG_FILE = new ConfigKey("config", Type.TEXT, null,
            "path of a properties file holding any of these keys");

    /** All keys by name, in documentation order. */
    public static final Map<String, ConfigKey> ALL;

    static {
        Map<String, ConfigKey> all = new LinkedHashMap<>();
        for (ConfigKey key : new ConfigKey[] {PORT, HOST}) {
            all.put(key.name, key);
        }
        for (String name : INSTRUMENTATIONS) {
            ConfigKey key = enabledKey(name);
            all.put(key.name, key);
        }
        for (ConfigKey key : new ConfigKey[] {CARDINALITY_LIMIT, AUTH_USERNAME, AUTH_PASSWORD, LOG_LEVEL, CONFIG_FILE}) {
            all.put(key.name, key);
        }
        ALL = Collections.unmodifiableMap(all);
    }

    public final String name;
    public final Type type;
    public final String defaultValue;
    public final String description;

    private ConfigKey(String name, Type type, String defaultValue, String description) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public static ConfigKey enabledKey(String instrumentation) {
        return new ConfigKey("instrumentation." + instrumentation + ".enabled", Type.BOOLEAN, "true",
                "record " + instrumentation + " metrics");
    }

    /** {@code -Dclaw.ai.<key>} */
    public String systemProperty() {
        return "claw.ai." + name;
    }

    /** {@code CLAW_AI_<KEY>}: upper case, {@code .} and {@code -} become {@code _}. */
    public String environmentVariable() {
        return "CLAW_AI_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Returns null when valid, else what was expected. */
    String check(String value) {
        String v = value.trim();
        switch (type) {
            case PORT:
                return isIntIn(v, 0, 65535) ? null : type.expectation;
            case POSITIVE_INT:
                return isIntIn(v, 1, Integer.MAX_VALUE) ? null : type.expectation;
            case BOOLEAN:
                return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false") ? null : type.expectation;
            case LOG_LEVEL:
                return ai.claw.agent.AgentLog.parseLevel(v) != null ? null : type.expectation;
            default:
                return v.isEmpty() ? type.expectation : null;
        }
    }

    private static boolean isIntIn(String v, int min, int max) {
        try {
            long n = Long.parseLong(v);
            return n >= min && n <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static List<String> names() {
        return new ArrayList<>(ALL.keySet());
    }
}
