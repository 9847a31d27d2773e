package ai.claw.agent.instrumentation.servlet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * No secret-looking path segment survives into the {@code endpoint} label: tokens and keys of 16+
 * characters mixing letters and digits, UUIDs, hex, numbers, e-mail addresses, passwords with
 * symbols (raw or percent-encoded), anything percent-encoded. (Short plain words cannot be told
 * from route words; docs/DEPLOYMENT.md says to keep secrets out of paths.)
 */
class EndpointNormalizerSecretsTest {

    private static final String SYMBOLS = "!$&'()*+,=:@~-_.";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final EndpointNormalizer normalizer = new EndpointNormalizer();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/reset/Tr0ub4dor&3                      | /reset/{id}",
            "/reset/Tr0ub4dor%263                    | /reset/{id}",
            "/users/jo@x.io                          | /users/{id}",
            "/users/jo%40x.io/keys                   | /users/{id}/keys",
            "/login/hunter2!                         | /login/{id}",
            "/search/caf%C3%A9                       | /search/{id}",
            "/files/my%20report.pdf                  | /files/{id}",
            "/token/eyJhbGciOiJIUzI1NiJ9.e30.abc123  | /token/{id}",
            "/keys/sk_live_51HbX2eJ4kZqP0aB          | /keys/{id}",
            "/keys/AKIAIOSFODNN7EXAMPLE              | /keys/{id}",
            "/b64/dGhpcyBpcyBhIHNlY3JldA==           | /b64/{id}",
            "/pin/0042                               | /pin/{id}",
            "/static/app.3f2a.js                     | /static/app.3f2a.js",
            "/docs/getting-started                   | /docs/getting-started",
            "/~user/home                             | /~user/home",
    })
    void secretLookingSegmentsBecomeId(String path, String expected) {
        assertEquals(expected, normalizer.endpoint(null, path, 200));
    }

    /** Random secrets of every kind, at every position of a path, raw and percent-encoded. */
    @Test
    void noGeneratedSecretReachesTheLabel() {
        long seed = Long.getLong("claw.test.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            String secret = secret(random);
            String segment = random.nextBoolean() ? secret : percentEncoded(secret);
            String path = random.nextBoolean() ? "/api/" + segment : "/api/" + segment + "/details";
            String endpoint = normalizer.endpoint(null, path, 200);
            assertFalse(leaks(secret, endpoint) || leaks(segment, endpoint),
                    "seed " + seed + ": " + path + " -> " + endpoint + " (rerun with -Dclaw.test.seed=" + seed + ")");
        }
    }

    /** True when {@code text} holds {@code secret} or any 8 characters of it in a row. */
    static boolean leaks(String secret, String text) {
        if (secret.length() < 8) {
            return text.contains(secret);
        }
        for (int i = 0; i + 8 <= secret.length(); i++) {
            if (text.contains(secret.substring(i, i + 8))) {
                return true;
            }
        }
        return false;
    }

    static String secret(Random r) {
        switch (r.nextInt(7)) {
            case 0: // an API key or session token: 16-48 letters and digits, at least one digit
                return token(r, 16 + r.nextInt(33));
            case 1:
                return new String[] {"sk_live_", "ghp_", "xoxb-", "AKIA"}[r.nextInt(4)] + token(r, 20 + r.nextInt(20));
            case 2:
                return java.util.UUID.randomUUID().toString();
            case 3:
                return Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong() | 1L << 62);
            case 4:
                return Long.toString(Math.abs(r.nextLong() % 10_000_000_000_000_000L));
            case 5:
                return word(r, 2 + r.nextInt(8)) + (r.nextBoolean() ? "." + word(r, 3) : "") + "@" + word(r, 1 + r.nextInt(6)) + ".io";
            default: // a password: 8-20 characters with at least one symbol other than -._~
                return password(r, 8 + r.nextInt(13));
        }
    }

    private static String token(Random r, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(ALNUM.charAt(r.nextInt(ALNUM.length())));
        }
        sb.setCharAt(r.nextInt(length), (char) ('0' + r.nextInt(10)));
        return sb.toString();
    }

    private static String password(Random r, int length) {
        StringBuilder sb = new StringBuilder(token(r, length));
        for (int i = 0; i < length; i++) {
            if (r.nextInt(5) == 0) {
                sb.setCharAt(i, SYMBOLS.charAt(r.nextInt(SYMBOLS.length())));
            }
        }
        // At least one symbol that no route word has (-._~ are in route words too).
        sb.setCharAt(r.nextInt(length), SYMBOLS.charAt(r.nextInt(SYMBOLS.length() - 4)));
        return sb.toString();
    }

    private static String word(Random r, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }

    /** Every character but letters and digits as %XX, as a client encodes data in a path. */
    static String percentEncoded(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", (int) c));
            }
        }
        return sb.toString();
    }
}
