package ai.claw.it.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Secret-looking values: a fixed table of the usual shapes, and random ones from a seed (API keys
 * and session tokens of 16+ letters and digits, prefixed provider keys, JWTs, UUIDs, hex, long
 * numbers, e-mail addresses, passwords with a symbol), with the ways a client encodes them.
 */
final class Secrets {

    static final List<String> TABLE = List.of(
            "hunter2!Secret",
            "Tr0ub4dor&3",
            "sk_live_51HbX2eJ4kZqP0aBcD9",
            "AKIAIOSFODNN7EXAMPLE",
            "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
            "jane.doe+claw@example.com",
            "jo@x.io",
            "4111111111111111",
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            "3f9a2b7c-1d4e-4a6b-9c8d-7e6f5a4b3c2d",
            "P@ssw0rd-2024:x");

    private static final String SYMBOLS = "!$&'()*+,=:@~-_.";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Secrets() {
    }

    static List<String> random(long seed, int count) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(secret(r));
        }
        return out;
    }

    static String secret(Random r) {
        switch (r.nextInt(8)) {
            case 0:
                return token(r, 16 + r.nextInt(33));
            case 1:
                return new String[] {"sk_live_", "ghp_", "xoxb-", "AKIA"}[r.nextInt(4)] + token(r, 20 + r.nextInt(20));
            case 2:
                return UUID.randomUUID().toString();
            case 3:
                return Long.toHexString(r.nextLong() | 1L << 62) + Long.toHexString(r.nextLong() | 1L << 62);
            case 4:
                return Long.toString(1_000_000_000L + Math.abs(r.nextLong() % 9_000_000_000_000_000L));
            case 5:
                return word(r, 2 + r.nextInt(8)) + "." + word(r, 3) + "@" + word(r, 1 + r.nextInt(6)) + ".io";
            case 6:
                return jwt(r);
            default:
                return password(r, 8 + r.nextInt(13));
        }
    }

    private static String jwt(Random r) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        byte[] sig = new byte[32];
        r.nextBytes(sig);
        return b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"" + token(r, 12) + "\"}").getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(sig);
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

    /** For a path segment: characters a path may hold raw stay raw, the rest as %XX. */
    static String inPath(String s) {
        return encode(s, "-._~!$&'()*+,=:@");
    }

    /** Every character but letters and digits as %XX (as most clients encode data). */
    static String encoded(String s) {
        return encode(s, "");
    }

    private static String encode(String s, String keep) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || keep.indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    /** The forms of {@code secret} to look for: as it is, and as a client or the agent could have encoded it. */
    static List<String> forms(String secret) {
        return List.of(secret, inPath(secret), encoded(secret), secret.toUpperCase(Locale.ROOT));
    }

    /** The first 8-character run of any form of {@code secret} found in {@code text} (case-insensitive), or null. */
    static String leakIn(String secret, String text) {
        String haystack = text.toLowerCase(Locale.ROOT);
        for (String form : forms(secret)) {
            String f = form.toLowerCase(Locale.ROOT);
            if (f.length() < 8) {
                if (haystack.contains(f)) {
                    return f;
                }
                continue;
            }
            for (int i = 0; i + 8 <= f.length(); i++) {
                if (haystack.contains(f.substring(i, i + 8))) {
                    return f.substring(i, i + 8);
                }
            }
        }
        return null;
    }
}
