package ai.claw.agent.instrumentation.ai;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Reads client objects (responses, usage, options) by calling their public no-argument
 * accessors reflectively, so the agent never links against the libraries it instruments.
 * Lookups are cached per class (in the class itself, via {@link ClassValue}, so nothing outlives
 * the application's class loader); a missing accessor is cached as missing.
 */
public final class Reflect {

    private static final Method MISSING;

    static {
        try {
            MISSING = Object.class.getMethod("hashCode");
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final ClassValue<ConcurrentMap<String, Method>> ACCESSORS = new ClassValue<ConcurrentMap<String, Method>>() {
        @Override
        protected ConcurrentMap<String, Method> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private Reflect() {
    }

    /** {@code target.name()}, or null when target is null, has no such accessor, or it fails. */
    public static Object call(Object target, String name) {
        if (target == null) {
            return null;
        }
        Method m = accessor(target.getClass(), name);
        if (m == null) {
            return null;
        }
        try {
            return m.invoke(target);
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    /** The first accessor of {@code names} that {@code target} has and that answers non-null. */
    public static Object first(Object target, String... names) {
        for (String name : names) {
            Object value = call(target, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** A string, unwrapping {@code Optional}; null for null or empty. */
    public static String text(Object value) {
        Object v = unwrap(value);
        if (v == null) {
            return null;
        }
        String s = v instanceof String ? (String) v : String.valueOf(v);
        return s.isEmpty() ? null : s;
    }

    /** A number as long, unwrapping {@code Optional}; -1 when absent. */
    public static long number(Object value) {
        Object v = unwrap(value);
        return v instanceof Number ? ((Number) v).longValue() : -1L;
    }

    /** {@code Optional.get()} when present, null when empty, else the value itself. */
    public static Object unwrap(Object value) {
        if (value instanceof Optional) {
            return ((Optional<?>) value).orElse(null);
        }
        return value;
    }

    /** Whether {@code type} or one of its super types is named {@code className}. */
    public static boolean isA(Class<?> type, String className) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
            for (Class<?> i : c.getInterfaces()) {
                if (isA(i, className)) {
                    return true;
                }
            }
        }
        return false;
    }

    static Method accessor(Class<?> type, String name) {
        ConcurrentMap<String, Method> methods = ACCESSORS.get(type);
        Method m = methods.get(name);
        if (m == null) {
            m = find(type, name);
            methods.put(name, m == null ? MISSING : m);
        }
        return m == MISSING ? null : m;
    }

    /**
     * The public method as declared by a public type, so it can be invoked without
     * {@code setAccessible} even when the object's own class is not public (implementation
     * classes, lambdas, anonymous classes).
     */
    private static Method find(Class<?> type, String name) {
        Method m;
        try {
            m = type.getMethod(name);
        } catch (NoSuchMethodException | SecurityException | LinkageError e) {
            return null;
        }
        if (Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
            return m;
        }
        Method visible = inPublicType(type, name);
        if (visible != null) {
            return visible;
        }
        try {
            m.setAccessible(true);
            return m;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Method inPublicType(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (Modifier.isPublic(c.getModifiers())) {
                try {
                    Method m = c.getMethod(name);
                    if (Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
                        return m;
                    }
                } catch (NoSuchMethodException | LinkageError ignored) {
                    // look further
                }
            }
            for (Class<?> i : c.getInterfaces()) {
                Method m = inPublicType(i, name);
                if (m != null) {
                    return m;
                }
            }
        }
        return null;
    }
}
