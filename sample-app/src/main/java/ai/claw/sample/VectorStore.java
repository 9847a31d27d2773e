package ai.claw.sample;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

import ai.claw.agent.api.TrackVectorDb;

import org.springframework.stereotype.Component;

/**
 * A tiny in-memory vector store: texts are embedded as hashed bag-of-words vectors and searched
 * by cosine similarity. It starts with a few knowledge-base documents and learns every stored
 * message (the oldest are forgotten past {@value #MAX_ENTRIES} entries).
 */
@Component
public class VectorStore {

    static final int DIMENSIONS = 64;
    static final int MAX_ENTRIES = 1_000;

    /** A search hit. */
    public record Match(String id, String text, double score) {
    }

    private record Entry(String id, String text, float[] vector) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    public VectorStore() {
        seed("kb-agent", "The CLAW.AI agent attaches with -javaagent and needs no code changes in the application.");
        seed("kb-metrics", "CLAW.AI exposes Prometheus metrics on port 9464: HTTP, database, Redis and AI model latency.");
        seed("kb-tokens", "Token usage is counted per model as prompt and completion tokens.");
        seed("kb-alerts", "Alertmanager fires when the error rate or the AI response latency goes above its threshold.");
        seed("kb-dashboards", "Grafana dashboards show the overview, performance and resource use of the application.");
        seed("kb-pool", "The database pool claw-ai-pool reports active, idle and pending connections.");
    }

    private void seed(String id, String text) {
        entries.add(new Entry(id, text, embed(text)));
    }

    /** Stores (or replaces) the text under this id. */
    @TrackVectorDb(operation = "upsert")
    public void upsert(String id, String text) {
        Entry entry = new Entry(id, text, embed(text));
        synchronized (entries) {
            entries.removeIf(e -> e.id().equals(id));
            entries.addLast(entry);
            while (entries.size() > MAX_ENTRIES) {
                entries.removeFirst();
            }
        }
    }

    /** The {@code limit} entries most similar to the query, best first. */
    @TrackVectorDb(operation = "search")
    public List<Match> search(String query, int limit) {
        float[] q = embed(query);
        List<Match> matches = new ArrayList<>();
        synchronized (entries) {
            for (Entry e : entries) {
                matches.add(new Match(e.id(), e.text(), cosine(q, e.vector())));
            }
        }
        matches.sort(Comparator.comparingDouble(Match::score).reversed());
        return List.copyOf(matches.subList(0, Math.min(limit, matches.size())));
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    static float[] embed(String text) {
        float[] v = new float[DIMENSIONS];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                v[Math.floorMod(word.hashCode(), DIMENSIONS)] += 1;
            }
        }
        return v;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
