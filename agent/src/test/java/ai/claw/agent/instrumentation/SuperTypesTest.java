package ai.claw.agent.instrumentation;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuperTypesTest {

    private final TypePool pool = TypePool.Default.ofSystemLoader();

    private TypeDescription describe(Class<?> type) {
        return pool.describe(type.getName()).resolve();
    }

    @Test
    void matchesTheTypeItselfItsSuperClassesAndAllInterfacesTransitively() {
        TypeDescription arrayList = describe(java.util.ArrayList.class);
        for (String name : new String[] {"java.util.ArrayList", "java.util.AbstractList", "java.lang.Object",
            "java.util.List", "java.util.Collection", "java.lang.Iterable", "java.io.Serializable", "java.util.RandomAccess"}) {
            assertTrue(SuperTypes.named("x.Unrelated", name).matches(arrayList), name);
        }
        assertFalse(SuperTypes.named("java.util.Map", "java.util.Set").matches(arrayList));
        assertTrue(SuperTypes.named("java.util.Collection").matches(describe(java.util.Set.class)), "an interface's super interfaces");
    }

    @Test
    void agreesWithByteBuddysHasSuperType() {
        ElementMatcher<TypeDescription> reference = net.bytebuddy.matcher.ElementMatchers.hasSuperType(
                net.bytebuddy.matcher.ElementMatchers.namedOneOf("java.sql.Connection", "java.lang.AutoCloseable"));
        ElementMatcher<TypeDescription> ours = SuperTypes.named("java.sql.Connection", "java.lang.AutoCloseable");
        for (Class<?> c : Arrays.asList(java.sql.Connection.class, java.io.FileInputStream.class, String.class,
                java.util.concurrent.ConcurrentHashMap.class, java.util.zip.ZipFile.class)) {
            assertEquals(reference.matches(describe(c)), ours.matches(describe(c)), c.getName());
        }
    }

    @Test
    void remembersEachTypesSuperTypesPerLoaderWhileMatching() {
        Map<String, String[]> cache = new HashMap<>();
        String[] names = SuperTypes.names(describe(java.util.ArrayList.class), cache);
        assertEquals("java.util.ArrayList", names[0]);
        assertArrayEquals(names, cache.get("java.util.ArrayList"));
        assertTrue(Arrays.asList(cache.get("java.util.AbstractList")).contains("java.util.AbstractCollection"),
                "super types are remembered too, for their other subclasses");

        // A cached answer is used as it is: here a made-up one, to prove the class file is not read again.
        cache.put("java.util.AbstractList", new String[] {"java.util.AbstractList", "made.Up"});
        List<String> linked = Arrays.asList(SuperTypes.names(describe(java.util.AbstractSequentialList.class), cache));
        assertTrue(linked.contains("made.Up"));
        assertFalse(linked.contains("java.util.AbstractCollection"));

        ClassLoader loader = new ClassLoader(null) {
        };
        ElementMatcher<TypeDescription> collection = SuperTypes.named("java.util.Collection");
        assertTrue(SuperTypes.matching(loader, collection, describe(java.util.ArrayList.class)));
        assertTrue(SuperTypes.matching(null, collection, describe(java.util.ArrayList.class)), "the bootstrap loader has its own cache");
    }

    @Test
    void aNestedMatchRestoresTheOuterLoader() {
        ClassLoader outer = new ClassLoader(null) {
        };
        ClassLoader inner = new ClassLoader(null) {
        };
        ElementMatcher<TypeDescription> nested = type -> SuperTypes.matching(inner, SuperTypes.named("java.util.List"), type)
                && SuperTypes.named("java.util.Collection").matches(type);
        assertTrue(SuperTypes.matching(outer, nested, describe(java.util.ArrayList.class)));
    }
}
