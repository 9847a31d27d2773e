package ai.claw.agent.instrumentation;

import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code hasSuperType(namedOneOf(...))} that remembers what it learnt. ByteBuddy's matcher walks
 * a type's whole hierarchy, parsing each super type's class file, and its type pool starts empty
 * for every class loaded, so a framework's common base types were parsed again for each of their
 * subclasses: in a Spring Boot app that was most of the agent's startup cost. Here each type's
 * super type names are kept per class loader (held weakly), computed once from its own super
 * class and interfaces, whose names are looked up in turn; an entry is an array of interned
 * names, about a hundred bytes, so a whole application fits in a megabyte or two.
 *
 * <p>The class loader comes from {@link #matching}, which the installer wraps around each type
 * matcher; without one (a unit test calling the matcher directly) nothing is cached.
 */
public final class SuperTypes {

    /** The loader being matched for on this thread: a ClassLoader, {@link #BOOTSTRAP}, or null when not matching. */
    private static final ThreadLocal<Object[]> LOADER = new ThreadLocal<Object[]>() {
        @Override
        protected Object[] initialValue() {
            return new Object[1];
        }
    };
    static final int MAX_TYPES = 50_000;
    private static final Map<ClassLoader, Map<String, String[]>> BY_LOADER = new WeakHashMap<>();
    private static final Object BOOTSTRAP = new Object();
    private static final Map<String, String[]> BOOTSTRAP_NAMES = new ConcurrentHashMap<>();

    private SuperTypes() {
    }

    /** Matches a type that is, extends or implements (transitively) a type with one of these names. */
    public static ElementMatcher.Junction<TypeDescription> named(String... names) {
        final Set<String> wanted = new HashSet<>(Arrays.asList(names));
        return new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
            @Override
            public boolean matches(TypeDescription type) {
                for (String name : names(type, cache())) {
                    if (wanted.contains(name)) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public String toString() {
                return "superTypeNamed(" + wanted + ")";
            }
        };
    }

    /** Runs {@code matcher} on {@code type} knowing that it is being loaded by {@code loader}. */
    static boolean matching(ClassLoader loader, ElementMatcher<? super TypeDescription> matcher, TypeDescription type) {
        Object[] slot = LOADER.get();
        Object outer = slot[0];
        slot[0] = loader == null ? BOOTSTRAP : loader;
        try {
            return matcher.matches(type);
        } finally {
            slot[0] = outer;
        }
    }

    private static Map<String, String[]> cache() {
        Object current = LOADER.get()[0];
        if (current == null) {
            return null;
        }
        if (current == BOOTSTRAP) {
            return BOOTSTRAP_NAMES;
        }
        ClassLoader loader = (ClassLoader) current;
        synchronized (BY_LOADER) {
            Map<String, String[]> names = BY_LOADER.get(loader);
            if (names == null) {
                names = new ConcurrentHashMap<>();
                BY_LOADER.put(loader, names);
            }
            return names;
        }
    }

    /** The type's own name and those of all its super classes and interfaces. */
    static String[] names(TypeDefinition type, Map<String, String[]> cache) {
        String name = type.asErasure().getName();
        String[] known = cache == null ? null : cache.get(name);
        if (known != null) {
            return known;
        }
        Set<String> all = new LinkedHashSet<>();
        all.add(name.intern());
        TypeDescription.Generic superClass = type.getSuperClass();
        if (superClass != null) {
            Collections.addAll(all, names(superClass.asErasure(), cache));
        }
        for (TypeDescription.Generic i : type.getInterfaces()) {
            Collections.addAll(all, names(i.asErasure(), cache));
        }
        String[] names = all.toArray(new String[0]);
        if (cache != null) {
            if (cache.size() >= MAX_TYPES) {
                cache.clear(); // a loader defining classes without end (scripts, generated proxies)
            }
            cache.put(name, names);
        }
        return names;
    }
}
