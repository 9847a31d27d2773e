package ai.claw.agent.instrumentation.redis;

import ai.claw.agent.metrics.AgentMetrics;
import ai.claw.agent.metrics.BoundedSeries;
import ai.claw.agent.metrics.ClawMetric;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code claw_ai_redis_operation_duration_seconds} for one client library. The {@code command}
 * label comes only from the client's command object (Jedis' {@code ProtocolCommand.getRaw()},
 * Lettuce's {@code ProtocolKeyword.getBytes()}), never from arguments, so no key or value can
 * become a label. Names are read once per command object and cached.
 */
public final class RedisOperations {

    public static final String SUCCESS = "success";
    public static final String ERROR = "error";

    /** Command objects are enum constants in practice; past this many, names are read each time. */
    static final int MAX_CACHED = 512;
    static final int MAX_LENGTH = 40;

    private final String client;
    private final String accessor;
    private final BoundedSeries<DistributionDataPoint> durations;
    private final ConcurrentHashMap<Object, Command> commands = new ConcurrentHashMap<>();

    /**
     * @param client   the {@code client} label
     * @param accessor the command object's public no-argument method returning its name as bytes
     */
    public RedisOperations(AgentMetrics metrics, String client, String accessor) {
        this.client = client;
        this.accessor = accessor;
        this.durations = metrics.histogram(ClawMetric.REDIS_OPERATION_DURATION);
    }

    public void record(Command command, long startNanos, long endNanos, boolean success) {
        DistributionDataPoint series;
        if (success) {
            series = command.success;
            if (series == null) {
                series = durations.get(client, command.label, SUCCESS);
                command.success = series;
            }
        } else {
            series = durations.get(client, command.label, ERROR);
        }
        series.observe((endNanos - startNanos) / 1e9);
    }

    /** What is known of a command object: its {@code command} label, and its success series once used. */
    public Command command(Object command) {
        if (command == null) {
            return new Command(BoundedSeries.OTHER);
        }
        Command known = commands.get(command);
        if (known == null) {
            known = new Command(read(command));
            if (commands.size() < MAX_CACHED) {
                Command raced = commands.putIfAbsent(command, known);
                return raced != null ? raced : known;
            }
        }
        return known;
    }

    /** A command's label and, once looked up, the series of its successful calls. */
    public static final class Command {
        private final String label;
        /**
         * Written without a lock: two threads may both look it up, and find the same series. A
         * data point's fields are final, so a thread that reads this reference sees it whole.
         */
        private DistributionDataPoint success;

        Command(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        DistributionDataPoint success() {
            return success;
        }
    }

    private String read(Object command) {
        try {
            Method method = publicMethod(command.getClass(), accessor);
            Object raw = method == null ? null : method.invoke(command);
            if (raw instanceof byte[]) {
                return label(new String((byte[]) raw, StandardCharsets.US_ASCII));
            }
        } catch (Exception | LinkageError ignored) {
            // fall back to the object's own name (an enum constant's)
        }
        return label(String.valueOf(command));
    }

    /** Upper case; anything but a plain command word ({@code GET}, {@code JSON.SET}) is {@code OTHER}. */
    static String label(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        if (upper.isEmpty() || upper.length() > MAX_LENGTH) {
            return BoundedSeries.OTHER;
        }
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return BoundedSeries.OTHER;
            }
        }
        return upper;
    }

    /**
     * A public no-argument method found through a public class or interface, so it can be invoked
     * on instances of non-public classes (lambdas, nested enums, private wrappers).
     */
    public static Method publicMethod(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (Modifier.isPublic(c.getModifiers())) {
                try {
                    return c.getMethod(name);
                } catch (NoSuchMethodException ignored) {
                    return null;
                }
            }
            for (Class<?> i : c.getInterfaces()) {
                Method m = publicInterfaceMethod(i, name);
                if (m != null) {
                    return m;
                }
            }
        }
        return null;
    }

    private static Method publicInterfaceMethod(Class<?> type, String name) {
        if (Modifier.isPublic(type.getModifiers())) {
            try {
                return type.getMethod(name);
            } catch (NoSuchMethodException ignored) {
                // try its super-interfaces
            }
        }
        for (Class<?> i : type.getInterfaces()) {
            Method m = publicInterfaceMethod(i, name);
            if (m != null) {
                return m;
            }
        }
        return null;
    }
}
