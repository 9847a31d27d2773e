package ai.claw.agent.instrumentation.servlet;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Bytes of body the application wrote, read from the container's own counter (Tomcat's
 * {@code getContentWritten()}, Jetty's {@code getContentCount()} from 9.4 to 12.1 ee10), else
 * from the {@code Content-Length} header; -1 when neither is known. The way to read it is looked
 * up once per response class, as a method handle of type {@code (Object)long}, so reading a
 * counter allocates nothing.
 */
final class ResponseSizes {

    private static final String[] COUNTERS = {"getContentWritten", "getContentCount"};
    private static final MethodType READER = MethodType.methodType(long.class, Object.class);
    private static final MethodHandle UNKNOWN = MethodHandles.dropArguments(MethodHandles.constant(long.class, -1L), 0, Object.class);

    private static final ClassValue<MethodHandle> READERS = new ClassValue<MethodHandle>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            for (String name : COUNTERS) {
                Method m = publicMethod(type, name);
                if (m != null && (m.getReturnType() == long.class || m.getReturnType() == int.class)) {
                    MethodHandle h = unreflect(m);
                    if (h != null) {
                        return h.asType(READER);
                    }
                }
            }
            Method header = publicMethod(type, "getHeader", String.class);
            MethodHandle h = header == null ? null : unreflect(header);
            if (h == null) {
                return UNKNOWN;
            }
            try {
                MethodHandle parse = MethodHandles.lookup().findStatic(ResponseSizes.class, "parseLength",
                        MethodType.methodType(long.class, Object.class));
                return MethodHandles.filterReturnValue(
                        MethodHandles.insertArguments(h, 1, "Content-Length").asType(MethodType.methodType(Object.class, Object.class)),
                        parse);
            } catch (ReflectiveOperationException e) {
                return UNKNOWN;
            }
        }
    };

    private ResponseSizes() {
    }

    static long bytesWritten(Object response) {
        if (response == null) {
            return -1;
        }
        try {
            return (long) READERS.get(response.getClass()).invokeExact(response);
        } catch (Throwable e) {
            return -1;
        }
    }

    @SuppressWarnings("unused") // target of a method handle
    private static long parseLength(Object header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.toString().trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static MethodHandle unreflect(Method m) {
        try {
            return MethodHandles.publicLookup().unreflect(m);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /** A public method declared by a public class or interface, so a public lookup can call it. */
    private static Method publicMethod(Class<?> type, String name, Class<?>... parameters) {
        try {
            Method m = type.getMethod(name, parameters);
            if (Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
                return m;
            }
            // Declared in a non-public class: find the same method on a public supertype.
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Class<?> candidate : withInterfaces(c)) {
                    if (Modifier.isPublic(candidate.getModifiers())) {
                        try {
                            return candidate.getMethod(name, parameters);
                        } catch (NoSuchMethodException ignored) {
                            // keep looking
                        }
                    }
                }
            }
            return null;
        } catch (NoSuchMethodException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static Class<?>[] withInterfaces(Class<?> c) {
        Class<?>[] interfaces = c.getInterfaces();
        Class<?>[] all = new Class<?>[interfaces.length + 1];
        all[0] = c;
        System.arraycopy(interfaces, 0, all, 1, interfaces.length);
        return all;
    }
}
