package ai.claw.sample;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The sample app's settings, from plain command-line flags ({@code --port 8080} or
 * {@code --port=8080}), then environment variables, then defaults.
 *
 * @param port        HTTP port (0 picks a free one)
 * @param dbUrl       JDBC URL; the default is an in-memory H2 database
 * @param dbUser      database user, or {@code null} for the driver's default
 * @param dbPassword  database password, or {@code null}
 * @param redisUrl    {@code redis://} URL, or {@code null} for an embedded Redis-protocol server
 * @param demoTraffic whether to drive a steady mix of requests at ourselves
 * @param rateLimit   messages accepted per conversation per minute (0 turns the limiter off)
 * @param logFile     also log to this file, or {@code null}
 * @param help        {@code --help} was asked for
 * @param aiClient    what answers chat messages: {@value #AI_SIMULATED} (the annotated simulated
 *                    model), {@value #AI_LANGCHAIN4J} (a real OpenAI client
 *                    talking to the OpenAI-compatible endpoint this app serves itself)
 */
public record AppSettings(int port, String dbUrl, String dbUser, String dbPassword, String redisUrl,
                          boolean demoTraffic, int rateLimit, String logFile, boolean help, String aiClient) {

    public static final String AI_SIMULATED = "simulated";
    public static final String AI_LANGCHAIN4J = "langchain4j";

    /** Settings with the simulated model. */
    public AppSettings(int port, String dbUrl, String dbUser, String dbPassword, String redisUrl,
                       boolean demoTraffic, int rateLimit, String logFile, boolean help) {
        this(port, dbUrl, dbUser, dbPassword, redisUrl, demoTraffic, rateLimit, logFile, help, AI_SIMULATED);
    }

    public static final String DEFAULT_DB_URL = "jdbc:h2:mem:claw;DB_CLOSE_DELAY=-1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_RATE_LIMIT = 100;

    public static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar claw-ai-sample-app.jar [flags]",
            "  --port N             HTTP port (env PORT, default 8080; 0 = any free port)",
            "  --db-url URL         JDBC URL, jdbc:h2:... or jdbc:postgresql:... (env DATABASE_URL,",
            "                       default an in-memory H2 database)",
            "  --db-user USER       database user (env DATABASE_USER)",
            "  --db-password PASS   database password (env DATABASE_PASSWORD)",
            "  --redis-url URL      redis://[user:password@]host[:port][/db] (env REDIS_URL, default an",
            "                       embedded Redis-protocol server on a free port)",
            "  --demo-traffic       send a steady mix of requests, some failing, to this app until",
            "                       stopped (env DEMO_TRAFFIC=true)",
            "  --rate-limit N       messages per conversation per minute, 0 = off (env RATE_LIMIT, default 100)",
            "  --log-file PATH      also log to this file (env LOG_FILE)",
            "  --ai-client NAME     what answers chat messages (env AI_CLIENT): simulated (default, the",
            "                       annotated simulated model) or langchain4j (a real OpenAI",
            "                       client calling the OpenAI-compatible /v1/chat/completions this app serves)",
            "  --help               show this help",
            "");

    /** Every flag and the environment variable behind it; {@code true} marks an on/off switch. */
    private static final Map<String, String> ENV_OF_FLAG = new LinkedHashMap<>();
    private static final Map<String, Boolean> IS_SWITCH = new HashMap<>();

    static {
        option("--port", "PORT", false);
        option("--db-url", "DATABASE_URL", false);
        option("--db-user", "DATABASE_USER", false);
        option("--db-password", "DATABASE_PASSWORD", false);
        option("--redis-url", "REDIS_URL", false);
        option("--demo-traffic", "DEMO_TRAFFIC", true);
        option("--rate-limit", "RATE_LIMIT", false);
        option("--log-file", "LOG_FILE", false);
        option("--ai-client", "AI_CLIENT", false);
    }

    private static void option(String flag, String env, boolean isSwitch) {
        ENV_OF_FLAG.put(flag, env);
        IS_SWITCH.put(flag, isSwitch);
    }

    /** Pure defaults, ignoring the environment. */
    public static AppSettings defaults() {
        return parse(new String[0], Map.of());
    }

    /** The database kind from the JDBC URL: {@code h2} or {@code postgresql}. */
    public String dbKind() {
        return dbUrl.split(":")[1].toLowerCase(Locale.ROOT);
    }

    /** True when no {@code --redis-url}/{@code REDIS_URL} was given. */
    public boolean embeddedRedis() {
        return redisUrl == null;
    }

    /**
     * Reads flags, then the environment, then defaults.
     *
     * @throws IllegalArgumentException with a one-line message naming the bad flag or variable
     */
    public static AppSettings parse(String[] args, Map<String, String> env) {
        Map<String, String> flags = new HashMap<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "' (try --help)");
            }
            int eq = arg.indexOf('=');
            String flag = eq < 0 ? arg : arg.substring(0, eq);
            String value = eq < 0 ? null : arg.substring(eq + 1);
            if (!ENV_OF_FLAG.containsKey(flag)) {
                throw new IllegalArgumentException("unknown flag " + flag + " (try --help)");
            }
            if (IS_SWITCH.get(flag)) {
                value = value == null ? "true" : value;
            } else if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value (try --help)");
                }
                value = args[++i];
            }
            flags.put(flag, value);
        }

        Source src = new Source(flags, env);
        int port = src.integer("--port", DEFAULT_PORT, 0, 65535);
        String dbUrl = src.text("--db-url", DEFAULT_DB_URL);
        String lowerUrl = dbUrl.toLowerCase(Locale.ROOT);
        if (!lowerUrl.startsWith("jdbc:h2:") && !lowerUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("invalid " + src.name("--db-url")
                    + ": must be a JDBC URL starting with jdbc:h2: or jdbc:postgresql:");
        }
        String redisUrl = src.text("--redis-url", null);
        if (redisUrl != null) {
            checkRedisUrl(src.name("--redis-url"), redisUrl);
        }
        String aiClient = src.text("--ai-client", AI_SIMULATED).toLowerCase(Locale.ROOT);
        if (!aiClient.equals(AI_SIMULATED) && !aiClient.equals(AI_LANGCHAIN4J)) {
            throw new IllegalArgumentException("invalid " + src.name("--ai-client") + " '" + aiClient
                    + "': must be one of " + AI_SIMULATED + ", " + AI_LANGCHAIN4J);
        }
        return new AppSettings(port, dbUrl, src.text("--db-user", null), src.text("--db-password", null),
                redisUrl, src.bool("--demo-traffic"), src.integer("--rate-limit", DEFAULT_RATE_LIMIT, 0, 1_000_000),
                src.text("--log-file", null), help, aiClient);
    }

    private static void checkRedisUrl(String name, String value) {
        String problem = null;
        try {
            URI uri = new URI(value);
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
                problem = "must start with redis:// or rediss://";
            } else if (uri.getHost() == null) {
                problem = "has no host";
            }
        } catch (URISyntaxException e) {
            problem = "is not a URL (" + e.getReason() + ")";
        }
        if (problem != null) {
            throw new IllegalArgumentException("invalid " + name + " '" + value + "': " + problem
                    + " (e.g. redis://127.0.0.1:6379)");
        }
    }

    /** Looks a flag up, then its environment variable; remembers which one answered. */
    private static final class Source {
        private final Map<String, String> flags;
        private final Map<String, String> env;

        Source(Map<String, String> flags, Map<String, String> env) {
            this.flags = flags;
            this.env = env;
        }

        String name(String flag) {
            return flags.containsKey(flag) ? flag : ENV_OF_FLAG.get(flag);
        }

        String text(String flag, String fallback) {
            String value = flags.containsKey(flag) ? flags.get(flag) : env.get(ENV_OF_FLAG.get(flag));
            if (value == null || value.isBlank()) {
                if (flags.containsKey(flag)) {
                    throw new IllegalArgumentException(flag + " needs a non-empty value");
                }
                return fallback;
            }
            return value.trim();
        }

        int integer(String flag, int fallback, int min, int max) {
            String value = text(flag, null);
            if (value == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(value);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException("invalid " + name(flag) + " '" + value
                    + "': must be a whole number from " + min + " to " + max);
        }

        boolean bool(String flag) {
            String value = text(flag, null);
            if (value == null) {
                return false;
            }
            switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1":
                    return true;
                case "false", "no", "off", "0":
                    return false;
                default:
                    throw new IllegalArgumentException("invalid " + name(flag) + " '" + value
                            + "': must be true or false");
            }
        }
    }

    @Override
    public String toString() {
        // Never print the password, nor a URL that may carry one.
        return "AppSettings[port=" + port + ", db=" + dbKind() + ", dbUser=" + dbUser
                + ", redis=" + (redisUrl == null ? "embedded" : "external")
                + ", demoTraffic=" + demoTraffic + ", rateLimit=" + rateLimit + ", logFile=" + logFile
                + ", aiClient=" + aiClient + "]";
    }
}
