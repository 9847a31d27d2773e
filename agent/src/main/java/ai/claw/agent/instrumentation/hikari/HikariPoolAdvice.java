package ai.claw.agent.instrumentation.hikari;

import ai.claw.agent.bootstrap.DbPoolFacade;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code com.zaxxer.hikari.pool.HikariPool}: registers each pool for scraping. */
public final class HikariPoolAdvice {

    private HikariPoolAdvice() {
    }

    /**
     * End of {@code HikariPool(HikariConfig)}. Constructor exit advice runs only when the
     * constructor returned, so a pool that failed to start is not counted.
     */
    public static final class Constructed {
        private Constructed() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object pool, @Advice.Argument(0) Object config) {
            DbPoolFacade.opened(pool, config);
        }
    }

    /**
     * {@code logPoolState(String...)}, which the pool's housekeeper calls every 30 seconds: finds
     * pools constructed before the agent was installed (attach, or a pool built while the agent
     * was still starting).
     */
    public static final class Housekeeping {
        private Housekeeping() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object pool, @Advice.FieldValue("config") Object config) {
            DbPoolFacade.opened(pool, config);
        }
    }
}
