package ai.claw.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class AppSettingsTest {

    private static AppSettings parse(Map<String, String> env, String... args) {
        return AppSettings.parse(args, env);
    }

    @Test
    void defaults() {
        AppSettings s = parse(Map.of());
        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.dbUrl()).isEqualTo(AppSettings.DEFAULT_DB_URL).startsWith("jdbc:h2:mem:");
        assertThat(s.dbUser()).isNull();
        assertThat(s.dbPassword()).isNull();
        assertThat(s.embeddedRedis()).isTrue();
        assertThat(s.demoTraffic()).isFalse();
        assertThat(s.rateLimit()).isEqualTo(100);
        assertThat(s.logFile()).isNull();
        assertThat(s.help()).isFalse();
        assertThat(s.dbKind()).isEqualTo("h2");
    }

    @Test
    void environmentIsRead() {
        AppSettings s = parse(Map.of("PORT", "9000", "DATABASE_URL", "jdbc:postgresql://db:5432/claw",
                "DATABASE_USER", "claw", "DATABASE_PASSWORD", "secret", "REDIS_URL", "redis://redis:6379",
                "DEMO_TRAFFIC", "true", "RATE_LIMIT", "5", "LOG_FILE", "/tmp/app.log"));
        assertThat(s).isEqualTo(new AppSettings(9000, "jdbc:postgresql://db:5432/claw", "claw", "secret",
                "redis://redis:6379", true, 5, "/tmp/app.log", false));
        assertThat(s.dbKind()).isEqualTo("postgresql");
        assertThat(s.toString()).doesNotContain("secret");
    }

    @Test
    void flagsWinOverEnvironmentInBothSpellings() {
        Map<String, String> env = Map.of("PORT", "9000", "REDIS_URL", "redis://env:6379", "DEMO_TRAFFIC", "true");
        AppSettings s = parse(env, "--port", "9100", "--redis-url=redis://flag:6380/2", "--demo-traffic=false",
                "--db-url", "jdbc:h2:mem:other", "--db-user=sa", "--db-password", "pw");
        assertThat(s.port()).isEqualTo(9100);
        assertThat(s.redisUrl()).isEqualTo("redis://flag:6380/2");
        assertThat(s.demoTraffic()).isFalse();
        assertThat(s.dbUrl()).isEqualTo("jdbc:h2:mem:other");
        assertThat(s.dbUser()).isEqualTo("sa");
        assertThat(s.dbPassword()).isEqualTo("pw");
    }

    @Test
    void switchWithoutValueTurnsOn() {
        assertThat(parse(Map.of(), "--demo-traffic").demoTraffic()).isTrue();
        assertThat(parse(Map.of(), "--demo-traffic", "--port", "1").demoTraffic()).isTrue();
        assertThat(parse(Map.of(), "--help").help()).isTrue();
    }

    @Test
    void blankEnvironmentValuesAreIgnored() {
        assertThat(parse(Map.of("PORT", " ", "REDIS_URL", "")).port()).isEqualTo(8080);
        assertThat(parse(Map.of("REDIS_URL", "")).embeddedRedis()).isTrue();
    }

    @Test
    void badValuesAreNamedInOneLine() {
        assertBad("invalid --port 'abc': must be a whole number from 0 to 65535", "--port", "abc");
        assertBad("invalid --port '70000': must be a whole number from 0 to 65535", "--port=70000");
        assertBad("--port needs a value (try --help)", "--port");
        assertBad("--port needs a non-empty value", "--port=");
        assertBad("unknown flag --colour (try --help)", "--colour", "red");
        assertBad("unexpected argument 'serve' (try --help)", "serve");
        assertBad("invalid --db-url: must be a JDBC URL starting with jdbc:h2: or jdbc:postgresql:",
                "--db-url", "postgres://localhost/test");
        assertBad("invalid --redis-url 'http://x:1': must start with redis:// or rediss:// (e.g. redis://127.0.0.1:6379)",
                "--redis-url", "http://x:1");
        assertBad("invalid --demo-traffic 'maybe': must be true or false", "--demo-traffic=maybe");
        assertBad("invalid --rate-limit '-1': must be a whole number from 0 to 1000000", "--rate-limit", "-1");
        assertThatThrownBy(() -> parse(Map.of("PORT", "eighty")))
                .hasMessage("invalid PORT 'eighty': must be a whole number from 0 to 65535");
        assertThatThrownBy(() -> parse(Map.of("REDIS_URL", "redis://")))
                .hasMessageStartingWith("invalid REDIS_URL 'redis://': ");
    }

    private static void assertBad(String message, String... args) {
        assertThatThrownBy(() -> parse(Map.of(), args))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void mainPrintsOneLineAndExitsNonZeroOnABadFlag() throws Exception {
        Process p = launchMain("--port", "abc");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("claw-ai-sample-app: invalid --port 'abc': must be a whole number from 0 to 65535");
    }

    @Test
    void mainPrintsUsageOnHelp() throws Exception {
        Process p = launchMain("--help");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isZero();
        assertThat(out).startsWith("Usage: java -jar claw-ai-sample-app.jar").contains("--demo-traffic");
    }

    private static Process launchMain(String... args) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        String[] command = new String[args.length + 4];
        command[0] = java;
        command[1] = "-cp";
        command[2] = System.getProperty("java.class.path");
        command[3] = ClawSampleApplication.class.getName();
        System.arraycopy(args, 0, command, 4, args.length);
        return new ProcessBuilder(command).start();
    }
}
