package ai.claw.agent.instrumentation.jdbc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeakIdentityMapTest {

    /** Equal by value, different by identity: the map must tell them apart. */
    private static final class Same {
        @Override
        public boolean equals(Object o) {
            return o instanceof Same;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    @Test
    void keysByIdentity() {
        WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
        Same a = new Same();
        Same b = new Same();
        map.put(a, "a");
        map.put(b, "b");
        assertEquals("a", map.get(a));
        assertEquals("b", map.get(b));
        map.put(a, "a2");
        assertEquals("a2", map.get(a));
        assertEquals(2, map.size());
        assertEquals("a2", map.remove(a));
        assertNull(map.get(a));
        assertEquals("b", map.get(b));
    }

    @Test
    void collectedKeysArePurged() throws InterruptedException {
        WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
        Object kept = new Object();
        map.put(kept, "kept");
        for (int i = 0; i < 1000; i++) {
            map.put(new Object(), "gone");
        }
        for (int i = 0; i < 50 && map.size() > 1; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(1, map.size());
        assertEquals("kept", map.get(kept));
        assertTrue(kept != null);
    }

    /** Keys that come and go without end (statements, connections): the entries of the collected ones do not pile up. */
    @Test
    void putsSweepOutCollectedKeysAsTheyGo() {
        WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
        Object kept = new Object();
        map.put(kept, "kept");
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 1000; i++) {
                map.put(new Object(), "gone");
            }
            System.gc();
        }
        assertTrue(map.entries() < 5000, "20,000 keys put, all but one collected; entries held: " + map.entries());
        assertEquals("kept", map.get(kept));
    }
}
