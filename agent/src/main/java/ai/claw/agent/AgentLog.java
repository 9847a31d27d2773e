package ai.claw.agent;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The agent's own logger: one line per event on standard error, prefixed so it is easy to grep
 * in the application's output. No dependency on the application's logging framework.
 */
public final class AgentLog {

    /** Levels in increasing verbosity. */
    public enum Level { OFF, ERROR, WARN, INFO, DEBUG }

    private static volatile Level threshold = Level.INFO;
    private static volatile PrintStream out = System.err;

    private AgentLog() {
    }

    public static void setLevel(Level level) {
        threshold = level;
    }

    /** Parses {@code off|error|warn|info|debug}, case-insensitive; null when unknown. */
    public static Level parseLevel(String value) {
        try {
            return Level.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            return null;
        }
    }

    public static boolean isEnabled(Level level) {
        return level != Level.OFF && level.ordinal() <= threshold.ordinal();
    }

    public static void error(String message) {
        log(Level.ERROR, message);
    }

    public static void warn(String message) {
        log(Level.WARN, message);
    }

    public static void info(String message) {
        log(Level.INFO, message);
    }

    public static void debug(String message) {
        log(Level.DEBUG, message);
    }

    private static void log(Level level, String message) {
        if (isEnabled(level)) {
            out.println("[claw-ai-agent] " + level + " " + message);
        }
    }
}
