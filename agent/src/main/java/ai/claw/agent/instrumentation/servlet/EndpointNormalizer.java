package ai.claw.agent.instrumentation.servlet;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code endpoint} label: the framework's route template when there is one (Spring MVC's
 * best matching pattern), {@code NOT_FOUND} for a 404 without a route, else the request path
 * with ID-like segments (numbers, UUIDs, long hex, tokens mixing letters and digits, and any
 * segment with a character other than letters, digits and {@code -._~}: percent-encoded text,
 * e-mail addresses, passwords with symbols) replaced by {@code {id}} and path parameters
 * ({@code ;jsessionid=...}) dropped.
 * The query string is never part of it.
 */
public final class EndpointNormalizer {

    public static final String NOT_FOUND = "NOT_FOUND";
    static final String ID = "{id}";
    private static final int MAX_LENGTH = 200;
    private static final int CACHE_LIMIT = 10_000;

    /** Raw path to normalised path; stops growing at its limit (then paths are normalised each time). */
    private final ConcurrentHashMap<String, String> cache = new ConcurrentHashMap<>();

    public String endpoint(Object route, String path, int status) {
        if (route instanceof String && isTemplate((String) route)) {
            return (String) route;
        }
        if (status == 404) {
            return NOT_FOUND;
        }
        if (path == null) {
            return "/";
        }
        String cached = cache.get(path);
        if (cached != null) {
            return cached;
        }
        String normalised = normalise(path);
        if (cache.size() < CACHE_LIMIT) {
            cache.putIfAbsent(path, normalised);
        }
        return normalised;
    }

    /** A catch-all resource pattern such as {@code /**} is no route. */
    static boolean isTemplate(String route) {
        return !route.isEmpty() && !route.endsWith("/**");
    }

    static String normalise(String path) {
        StringBuilder out = new StringBuilder(Math.min(path.length(), MAX_LENGTH) + 8);
        int start = 0;
        int length = path.length();
        while (start <= length && out.length() < MAX_LENGTH) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            String segment = path.substring(start, end);
            int semicolon = segment.indexOf(';');
            if (semicolon >= 0) {
                segment = segment.substring(0, semicolon);
            }
            if (start > 0) {
                out.append('/');
            }
            out.append(isIdLike(segment) ? ID : segment);
            start = end + 1;
        }
        if (out.length() == 0) {
            return "/";
        }
        return out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH) : out.toString();
    }

    static boolean isIdLike(String segment) {
        int n = segment.length();
        if (n == 0) {
            return false;
        }
        boolean digits = false;
        boolean letters = false;
        boolean hexOnly = true;
        boolean allDigits = true;
        for (int i = 0; i < n; i++) {
            char c = segment.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (!digit && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && c != '-' && c != '.' && c != '_' && c != '~') {
                return true; // not a route word: percent-encoded text, an e-mail address, a password with symbols
            }
            boolean hex = digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            digits |= digit;
            letters |= Character.isLetter(c);
            allDigits &= digit;
            hexOnly &= hex || (c == '-' && n == 36);
        }
        if (allDigits) {
            return true;
        }
        if (hexOnly && (n == 36 || n >= 16) && digits) {
            return true; // UUID or long hex
        }
        return n >= 16 && digits && letters; // a token, key or hash
    }
}
