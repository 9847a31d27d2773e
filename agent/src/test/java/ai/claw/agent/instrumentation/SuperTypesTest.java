package ai.claw.agent.instrumentation;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuperTypesTest {

    private static final ClassLoader LOADER = SuperTypesTest.class.getClassLoader();

    private static ClassHeader fromClassFile(Class<?> type) {
        byte[] classFile = ClassHeader.read(LOADER, type.getName());
        assertNotNull(classFile, type.getName());
        return ClassHeader.of(classFile);
    }

    @Test
    void namesTheTypeItselfItsSuperClassesAndAllInterfacesTransitively() {
        for (ClassHeader arrayList : new ClassHeader[] {fromClassFile(java.util.ArrayList.class), ClassHeader.of(java.util.ArrayList.class)}) {
            List<String> names = Arrays.asList(SuperTypes.names(arrayList, new HashMap<>(), LOADER));
            assertEquals("java.util.ArrayList", names.get(0));
            for (String name : new String[] {"java.util.AbstractList", "java.lang.Object", "java.util.List", "java.util.Collection",
                "java.lang.Iterable", "java.io.Serializable", "java.util.RandomAccess"}) {
                assertTrue(names.contains(name), name);
            }
            assertFalse(names.contains("java.util.Map"));
        }
    }

    @Test
    void agreesWithTheJvmOnWhatATypeIs() {
        List<Class<?>> types = Arrays.asList(java.sql.Connection.class, java.sql.PreparedStatement.class, java.io.FileInputStream.class,
                String.class, java.util.concurrent.ConcurrentHashMap.class, java.util.zip.ZipFile.class, SuperTypesTest.class);
        for (Class<?> type : types) {
            for (ClassHeader header : new ClassHeader[] {fromClassFile(type), ClassHeader.of(type)}) {
                List<String> names = Arrays.asList(SuperTypes.names(header, new HashMap<>(), LOADER));
                for (Class<?> other : Arrays.asList(java.sql.Connection.class, java.sql.Statement.class, AutoCloseable.class,
                        java.util.Map.class, java.io.Closeable.class, CharSequence.class)) {
                    assertEquals(other.isAssignableFrom(type), names.contains(other.getName()), type + " is a " + other);
                }
            }
        }
    }

    @Test
    void remembersEachSuperTypeOncePerLoader() {
        Map<String, String[]> cache = new HashMap<>();
        String[] names = SuperTypes.names(fromClassFile(java.util.ArrayList.class), cache, LOADER);
        assertEquals("java.util.ArrayList", names[0]);
        assertTrue(Arrays.asList(cache.get("java.util.AbstractList")).contains("java.util.AbstractCollection"),
                "super types are remembered, for their other subclasses");

        // A remembered answer is used as it is: here a made-up one, to prove the class file is not read again.
        cache.put("java.util.AbstractList", new String[] {"java.util.AbstractList", "made.Up"});
        List<String> sequential = Arrays.asList(SuperTypes.names(fromClassFile(java.util.AbstractSequentialList.class), cache, LOADER));
        assertTrue(sequential.contains("made.Up"));
        assertFalse(sequential.contains("java.util.AbstractCollection"));

        assertArrayEquals(SuperTypes.of(LOADER, ClassHeader.of(java.util.ArrayList.class)),
                SuperTypes.of(LOADER, fromClassFile(java.util.ArrayList.class)), "from a class file or a loaded class alike");

        // The class matched is remembered too, for the subclasses that load after it.
        ClassLoader own = new ClassLoader(null) {
        };
        String[] abstractList = SuperTypes.of(own, fromClassFile(java.util.AbstractList.class));
        assertArrayEquals(abstractList, SuperTypes.cache(own).get("java.util.AbstractList"));
    }

    @Test
    void aSuperTypeWithoutClassFileIsKnownByNameOnly() {
        ClassLoader empty = new ClassLoader(null) {
        };
        List<String> names = Arrays.asList(SuperTypes.names(fromClassFile(SuperTypesTest.class), new HashMap<>(), empty));
        assertEquals(Arrays.asList(SuperTypesTest.class.getName(), "java.lang.Object"), names);
    }

    @Test
    void typeFiltersDecideFromTheHeader() {
        ClassHeader arrayList = fromClassFile(java.util.ArrayList.class);
        assertTrue(TypeFilter.named("java.util.ArrayList").matches(arrayList, LOADER));
        assertFalse(TypeFilter.named("java.util.List").matches(arrayList, LOADER));
        assertTrue(TypeFilter.subTypeOf("java.util.Collection").classesOnly().matches(arrayList, LOADER));
        assertTrue(TypeFilter.subTypeOf("java.util.Collection").matches(fromClassFile(java.util.List.class), LOADER));
        assertFalse(TypeFilter.subTypeOf("java.util.Collection").classesOnly().matches(fromClassFile(java.util.List.class), LOADER),
                "an interface is not a class");
    }

    @Test
    void aMentioningFilterFindsAnAnnotationInTheConstantPool() {
        TypeFilter deprecated = TypeFilter.mentioning("java.lang.Deprecated");
        assertTrue(deprecated.matches(fromClassFile(WithDeprecatedMethod.class), LOADER));
        assertTrue(deprecated.matches(ClassHeader.of(WithDeprecatedMethod.class), LOADER), "a loaded class's class file is read for it");
        assertFalse(deprecated.matches(fromClassFile(SuperTypesTest.class), LOADER));
    }

    static final class WithDeprecatedMethod {
        @Deprecated
        void old() {
        }
    }
}
