package ai.claw.agent.instrumentation.hikari;

import ai.claw.agent.AgentLog;
import ai.claw.agent.bootstrap.DbPoolFacade;
import ai.claw.agent.metrics.AgentMetrics;
import ai.claw.agent.metrics.ClawMetric;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;

import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The HikariCP pools of the application, held weakly, read at scrape time into
 * {@code claw_ai_db_pool_connections{pool,state}}. HikariCP is not on the agent's class path, so
 * its public API is called by reflection, resolved once per pool class. A pool that was shut
 * down or collected is dropped, and its series disappear. Pools sharing a name are summed, so
 * the exposition never holds a label set twice.
 */
public final class HikariPools implements DbPoolFacade.Sink {

    static final String[] STATES = {"active", "idle", "pending", "max"};

    private static HikariPools installed;

    private final AgentMetrics metrics;
    private final List<Entry> pools = new CopyOnWriteArrayList<>();
    private final ClassValue<Api> apis = new ClassValue<Api>() {
        @Override
        protected Api computeValue(Class<?> poolClass) {
            return Api.of(poolClass);
        }
    };

    HikariPools(AgentMetrics metrics) {
        this.metrics = metrics;
        metrics.gauge(ClawMetric.DB_POOL_CONNECTIONS, this::collect);
    }

    static synchronized void install(AgentMetrics metrics) {
        if (installed == null || installed.metrics != metrics) {
            installed = new HikariPools(metrics);
            DbPoolFacade.install(installed);
        }
    }

    /** Called when a pool is constructed and again on each of its housekeeping runs; registers it once. */
    @Override
    public synchronized void opened(Object pool, Object config) {
        for (Entry e : pools) {
            if (e.pool.get() == pool) {
                return;
            }
        }
        pools.add(new Entry(pool, config));
    }

    /** One scrape: every live pool's four counts, by pool name. */
    void collect(GaugeWithCallback.Callback callback) {
        Map<String, long[]> byName = new LinkedHashMap<>();
        for (Entry e : pools) {
            Object pool = e.pool.get();
            Object config = e.config.get();
            if (pool == null || config == null) {
                pools.remove(e);
                continue;
            }
            try {
                Api api = apis.get(pool.getClass());
                if (api == null || api.isShutDown(pool)) {
                    pools.remove(e);
                    continue;
                }
                long[] counts = api.read(pool, config);
                String name = api.name(config);
                long[] sum = byName.get(name);
                if (sum == null) {
                    byName.put(name, counts);
                } else {
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += counts[i];
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
                metrics.agentError("gauge");
            }
        }
        for (Map.Entry<String, long[]> pool : byName.entrySet()) {
            for (int i = 0; i < STATES.length; i++) {
                callback.call(pool.getValue()[i], pool.getKey(), STATES[i]);
            }
        }
    }

    private static final class Entry {
        final WeakReference<Object> pool;
        /** The HikariConfig (usually the HikariDataSource) the pool reads its settings from; it holds the pool. */
        final WeakReference<Object> config;

        Entry(Object pool, Object config) {
            this.pool = new WeakReference<>(pool);
            this.config = new WeakReference<>(config);
        }
    }

    /** The HikariCP methods and fields read, from the public API of {@code HikariPool} and {@code HikariConfig}. */
    static final class Api {
        private final Method active;
        private final Method idle;
        private final Method awaiting;
        private final Field poolState;
        private final int shutdownState;
        private final Method maximumPoolSize;
        private final Method poolName;

        private Api(Class<?> poolClass, Class<?> mxBean, Class<?> config) throws ReflectiveOperationException {
            active = mxBean.getMethod("getActiveConnections");
            idle = mxBean.getMethod("getIdleConnections");
            awaiting = mxBean.getMethod("getThreadsAwaitingConnection");
            poolState = poolClass.getField("poolState");
            shutdownState = poolClass.getField("POOL_SHUTDOWN").getInt(null);
            maximumPoolSize = config.getMethod("getMaximumPoolSize");
            poolName = config.getMethod("getPoolName");
        }

        /** Null (and one log line) for a HikariCP version without this API; its pools are skipped. */
        static Api of(Class<?> poolClass) {
            try {
                ClassLoader loader = poolClass.getClassLoader();
                return new Api(poolClass,
                        Class.forName("com.zaxxer.hikari.HikariPoolMXBean", false, loader),
                        Class.forName("com.zaxxer.hikari.HikariConfig", false, loader));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                AgentLog.warn("cannot read HikariCP pool " + poolClass.getName() + " (" + e
                        + "); claw_ai_db_pool_connections leaves it out");
                return null;
            }
        }

        boolean isShutDown(Object pool) throws IllegalAccessException {
            return poolState.getInt(pool) == shutdownState;
        }

        long[] read(Object pool, Object config) throws ReflectiveOperationException {
            return new long[] {
                ((Number) active.invoke(pool)).longValue(),
                ((Number) idle.invoke(pool)).longValue(),
                ((Number) awaiting.invoke(pool)).longValue(),
                ((Number) maximumPoolSize.invoke(config)).longValue(),
            };
        }

        String name(Object config) throws ReflectiveOperationException {
            Object name = poolName.invoke(config);
            return name == null ? "" : name.toString();
        }
    }
}
