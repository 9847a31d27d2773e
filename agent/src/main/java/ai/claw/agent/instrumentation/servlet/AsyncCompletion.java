package ai.claw.agent.instrumentation.servlet;

import ai.claw.agent.bootstrap.AgentHealth;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Records an async servlet request when it completes rather than when {@code service} returns.
 * The listener is a {@link Proxy} of the application's own {@code AsyncListener} interface
 * (javax or jakarta), so no class has to be injected into the application's class loader.
 */
final class AsyncCompletion implements InvocationHandler {

    private final HttpRecorder recorder;
    private final long startNanos;
    private final String method;
    private final String uri;
    private final Object route;
    private final Object response;
    private final Method getStatus;
    private volatile boolean failed;
    private volatile boolean recorded;

    private AsyncCompletion(HttpRecorder recorder, long startNanos, String method, String uri, Object route,
                            Object response, Method getStatus) {
        this.recorder = recorder;
        this.startNanos = startNanos;
        this.method = method;
        this.uri = uri;
        this.route = route;
        this.response = response;
        this.getStatus = getStatus;
    }

    /** Returns a listener for {@code listenerType}, or null when one cannot be made (then the caller records now). */
    static Object listener(HttpRecorder recorder, Class<?> listenerType, long startNanos, String method, String uri,
                           Object route, Object response) {
        try {
            String pkg = listenerType.getName().substring(0, listenerType.getName().lastIndexOf('.'));
            Class<?> responseType = Class.forName(pkg + ".http.HttpServletResponse", false, listenerType.getClassLoader());
            Method getStatus = responseType.getMethod("getStatus");
            AsyncCompletion handler = new AsyncCompletion(recorder, startNanos, method, uri, route, response, getStatus);
            return Proxy.newProxyInstance(listenerType.getClassLoader(), new Class<?>[] {listenerType}, handler);
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
        switch (m.getName()) {
            case "onComplete":
                complete();
                return null;
            case "onError":
            case "onTimeout":
                failed = true;
                return null;
            case "onStartAsync":
                reRegister(proxy, args[0]);
                return null;
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            case "toString":
                return "claw-ai-agent async listener";
            default:
                return null;
        }
    }

    private void complete() {
        if (recorded) {
            return;
        }
        recorded = true;
        int status = 500;
        try {
            status = (Integer) getStatus.invoke(response);
        } catch (Exception | LinkageError ignored) {
            // keep 500
        }
        if (failed && status < 400) {
            status = 500;
        }
        try {
            recorder.finished(startNanos, method, uri, route, status, response);
        } catch (Throwable t) {
            // Runs inside the container's listener call, where no advice suppresses it.
            AgentHealth.suppressed(t);
        }
    }

    /** {@code startAsync()} called again clears listeners; the spec's hook to register anew. */
    private static void reRegister(Object proxy, Object event) {
        try {
            Object context = event.getClass().getMethod("getAsyncContext").invoke(event);
            for (Method add : context.getClass().getMethods()) {
                if (add.getName().equals("addListener") && add.getParameterTypes().length == 1) {
                    add.setAccessible(true);
                    add.invoke(context, proxy);
                    return;
                }
            }
        } catch (Exception | LinkageError ignored) {
            // the request is then recorded by nobody; rare (startAsync twice) and harmless
        }
    }
}
