package ai.claw.agent.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The test-only fault switch; its effect in a real JVM is proven by integration-tests/reliability. */
class FaultInjectionTest {

    @Test
    void offUnlessSetToAKnownFault() {
        assertEquals(FaultInjection.NONE, FaultInjection.MODE, "never set in unit tests");
        assertEquals(FaultInjection.NONE, FaultInjection.mode(null));
        assertEquals(FaultInjection.NONE, FaultInjection.mode("yes"));
        assertEquals(FaultInjection.RUNTIME, FaultInjection.mode("runtime"));
        assertEquals(FaultInjection.LINKAGE, FaultInjection.mode("linkage"));
    }

    @Test
    void eachFaultThrowsItsKind() {
        assertDoesNotThrow(() -> FaultInjection.fail(FaultInjection.NONE));
        assertThrows(IllegalStateException.class, () -> FaultInjection.fail(FaultInjection.RUNTIME));
        assertThrows(NoClassDefFoundError.class, () -> FaultInjection.fail(FaultInjection.LINKAGE));
    }
}
