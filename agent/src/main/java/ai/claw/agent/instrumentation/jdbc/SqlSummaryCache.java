package ai.claw.agent.instrumentation.jdbc;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Parsed SQL by its text, so a statement text is read once however often it is prepared or
 * executed. Bounded by entries ({@value #MAX_ENTRIES}) and by the characters of SQL held
 * ({@value #MAX_CHARS}, about 2 MB): past either bound the cache is emptied and refills with
 * what is in use (applications that inline literals produce endless distinct texts; parsing is
 * cheap, memory is not). Texts longer than {@value #MAX_LENGTH} are parsed every time, never held.
 */
final class SqlSummaryCache {

    static final int MAX_ENTRIES = 5000;
    static final long MAX_CHARS = 1_000_000;
    static final int MAX_LENGTH = 4096;

    private final ConcurrentHashMap<String, SqlSummary> summaries = new ConcurrentHashMap<>();
    private final AtomicLong chars = new AtomicLong();
    private final boolean mysql;
    private final int maxEntries;

    SqlSummaryCache(boolean mysql, int maxEntries) {
        this.mysql = mysql;
        this.maxEntries = maxEntries;
    }

    SqlSummary get(String sql) {
        SqlSummary s = summaries.get(sql);
        if (s != null) {
            return s;
        }
        s = SqlSummary.parse(sql, mysql);
        if (sql.length() <= MAX_LENGTH) {
            if (summaries.size() >= maxEntries || chars.addAndGet(sql.length()) > MAX_CHARS) {
                summaries.clear();
                chars.set(sql.length());
            }
            summaries.put(sql, s);
        }
        return s;
    }

    int size() {
        return summaries.size();
    }
}
