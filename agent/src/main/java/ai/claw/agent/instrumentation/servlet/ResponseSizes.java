package ai.claw.agent.instrumentation.servlet;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes of body the application wrote, read from the container's own counter (Tomcat's
 * {@code getContentWritten()}, Jetty's {@code getContentCount()} from 9.4 to 12.1 ee10, or
 * Jetty 12's {@code HttpOutput.getWritten()} reached from the response), else from the
 * {@code Content-Length} header; -1 when neither is known. The way to read it is looked up once
 * per response class.
 */
final class ResponseSizes {

    private static final String[][] COUNTERS = {
            {"getContentWritten"},
            {"getContentCount"},
            {"getServletContextResponse", "getHttpOutput", "getWritten"},
            {"getResponse", "getHttpOutput", "getWritten"},
    };

    private static final ClassValue<Method[]> PROBES = new ClassValue<Method[]>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            for (String[] chain : COUNTERS) {
                Method[] methods = resolve(type, chain);
                if (methods != null) {
                    return methods;
                }
            }
            Method header = publicMethod(type, "getHeader", String.class);
            return header == null ? new Method[0] : new Method[] {header};
        }
    };

    private ResponseSizes() {
    }

    static long bytesWritten(Object response) {
        if (response == null) {
            return -1;
        }
        Method[] probe = PROBES.get(response.getClass());
        try {
            if (probe.length == 1 && probe[0].getName().equals("getHeader")) {
                Object length = probe[0].invoke(response, "Content-Length");
                return length == null ? -1 : Long.parseLong(length.toString().trim());
            }
            Object value = response;
            for (Method m : probe) {
                value = m.invoke(value);
                if (value == null) {
                    return -1;
                }
            }
            return value instanceof Number ? ((Number) value).longValue() : -1;
        } catch (Exception | LinkageError e) {
            return -1;
        }
    }

    private static Method[] resolve(Class<?> type, String[] chain) {
        List<Method> methods = new ArrayList<>();
        Class<?> current = type;
        for (String name : chain) {
            Method m = publicMethod(current, name);
            if (m == null) {
                return null;
            }
            methods.add(m);
            current = m.getReturnType();
        }
        Class<?> result = current;
        return result == long.class || result == int.class ? methods.toArray(new Method[0]) : null;
    }

    /** A public method callable through a public declaring type (reflection on private classes fails). */
    private static Method publicMethod(Class<?> type, String name, Class<?>... parameters) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod(name, parameters);
                if (java.lang.reflect.Modifier.isPublic(m.getModifiers())) {
                    if (!java.lang.reflect.Modifier.isPublic(c.getModifiers())) {
                        m.setAccessible(true);
                    }
                    return m;
                }
            } catch (NoSuchMethodException | RuntimeException ignored) {
                // look further up
            }
        }
        try {
            return type.getMethod(name, parameters);
        } catch (NoSuchMethodException | RuntimeException e) {
            return null;
        }
    }
}
