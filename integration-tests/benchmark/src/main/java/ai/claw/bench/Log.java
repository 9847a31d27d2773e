package ai.claw.bench;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Progress on standard error, so standard output carries only the table. */
final class Log {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Log() {
    }

    static void info(String message) {
        System.err.println("[bench " + LocalTime.now().format(TIME) + "] " + message);
    }
}
