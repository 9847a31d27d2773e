package ai.claw.agent.instrumentation;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names of every type a class is, extends or implements, transitively, remembered per class
 * loader. A super type is looked up once per loader from its class file header
 * ({@link ClassHeader}): frameworks' common base types are not parsed again for each of their
 * subclasses. An entry is an array of interned names, about a hundred bytes, so a whole
 * application fits in a megabyte or two.
 */
final class SuperTypes {

    static final int MAX_TYPES = 50_000;
    private static final Map<ClassLoader, Map<String, String[]>> BY_LOADER = new WeakHashMap<>();
    private static final Map<String, String[]> BOOTSTRAP = new ConcurrentHashMap<>();
    private static final String[] NONE = new String[0];

    private SuperTypes() {
    }

    /**
     * {@code type}'s own name first, then those of all its super classes and interfaces, as
     * {@code loader} sees them; remembered, so its subclasses do not read its class file again.
     */
    static String[] of(ClassLoader loader, ClassHeader type) {
        Map<String, String[]> cache = cache(loader);
        String[] known = cache.get(type.name());
        return known != null ? known : remember(type.name(), names(type, cache, loader), cache);
    }

    static Map<String, String[]> cache(ClassLoader loader) {
        if (loader == null) {
            return BOOTSTRAP;
        }
        synchronized (BY_LOADER) {
            Map<String, String[]> names = BY_LOADER.get(loader);
            if (names == null) {
                names = new ConcurrentHashMap<>();
                BY_LOADER.put(loader, names);
            }
            return names;
        }
    }

    /** As {@link #of}, with the cache given (tests). */
    static String[] names(ClassHeader type, Map<String, String[]> cache, ClassLoader loader) {
        Set<String> all = new LinkedHashSet<>();
        all.add(type.name().intern());
        Class<?> loaded = type.loaded();
        if (loaded != null) { // a loaded class's super types are loaded too: ask them, not their class files
            if (loaded.getSuperclass() != null) {
                Collections.addAll(all, loaded(loaded.getSuperclass(), cache, loader));
            }
            for (Class<?> i : loaded.getInterfaces()) {
                Collections.addAll(all, loaded(i, cache, loader));
            }
        } else {
            if (type.superName() != null) {
                Collections.addAll(all, named(type.superName(), cache, loader));
            }
            for (String i : type.interfaces()) {
                Collections.addAll(all, named(i, cache, loader));
            }
        }
        return all.toArray(NONE);
    }

    private static String[] loaded(Class<?> type, Map<String, String[]> cache, ClassLoader loader) {
        String[] known = cache.get(type.getName());
        return known != null ? known : remember(type.getName(), names(ClassHeader.of(type), cache, loader), cache);
    }

    /** A super type by name: from the cache, else from its class file, which is then remembered. */
    private static String[] named(String name, Map<String, String[]> cache, ClassLoader loader) {
        String[] known = cache.get(name);
        if (known != null) {
            return known;
        }
        String[] names;
        if ("java.lang.Object".equals(name)) {
            names = new String[] {"java.lang.Object"};
        } else {
            ClassHeader header = ClassHeader.ofResource(loader, name); // null if missing or unreadable: known by name only
            names = header == null ? new String[] {name.intern()} : names(header, cache, loader);
        }
        return remember(name, names, cache);
    }

    private static String[] remember(String name, String[] names, Map<String, String[]> cache) {
        if (cache.size() >= MAX_TYPES) {
            cache.clear(); // a loader defining classes without end (scripts, generated proxies)
        }
        cache.put(name, names);
        return names;
    }
}
