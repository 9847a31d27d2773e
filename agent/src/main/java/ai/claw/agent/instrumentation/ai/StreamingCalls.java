package ai.claw.agent.instrumentation.ai;

import ai.claw.agent.bootstrap.AgentHealth;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Streaming calls that report their end through a callback handler (LangChain4j's
 * {@code StreamingChatResponseHandler}): the application's handler is replaced by a
 * {@link Proxy} of the same interface that delegates every method to it and, first, records the
 * call on the completion and error callbacks. A proxy needs no class injected into the
 * application's class loader.
 */
public final class StreamingCalls implements InvocationHandler {

    private final Object delegate;
    private final AiCall call;
    private final String onComplete;
    private final String onError;

    private StreamingCalls(Object delegate, AiCall call, String onComplete, String onError) {
        this.delegate = delegate;
        this.call = call;
        this.onComplete = onComplete;
        this.onError = onError;
    }

    /**
     * A proxy of {@code interfaceName} (an interface {@code handler} implements) around
     * {@code handler}: {@code onComplete(response)} succeeds the call, {@code onError(Throwable)}
     * fails it. Returns {@code handler} itself when no proxy can be made.
     */
    public static Object wrap(Object handler, String interfaceName, AiCall call, String onComplete, String onError) {
        Class<?> type = interfaceOf(handler.getClass(), interfaceName);
        if (type == null) {
            return handler;
        }
        try {
            return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                    new StreamingCalls(handler, call, onComplete, onError));
        } catch (RuntimeException | LinkageError e) {
            AgentHealth.suppressed(e);
            return handler;
        }
    }

    /** The streaming method threw before any callback: fail the call behind {@code handler}, if it is ours. */
    static void failed(Object handler, Throwable thrown) {
        if (handler != null && Proxy.isProxyClass(handler.getClass())) {
            InvocationHandler h = Proxy.getInvocationHandler(handler);
            if (h instanceof StreamingCalls) {
                ((StreamingCalls) h).call.failed(thrown);
            }
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        int arity = args == null ? 0 : args.length;
        if (arity == 1) {
            try {
                if (name.equals(onComplete)) {
                    call.succeeded(args[0]);
                } else if (name.equals(onError)) {
                    call.failed(args[0] instanceof Throwable ? (Throwable) args[0] : null);
                }
            } catch (Throwable t) {
                AgentHealth.suppressed(t);
            }
        }
        if (arity == 1 && name.equals("equals")) {
            return proxy == args[0] || delegate.equals(args[0]);
        }
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Class<?> interfaceOf(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(name)) {
                    return i;
                }
                Class<?> inherited = interfaceOf(i, name);
                if (inherited != null) {
                    return inherited;
                }
            }
        }
        return null;
    }
}
