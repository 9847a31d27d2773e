package ai.claw.agent.instrumentation.ai;

import ai.claw.agent.bootstrap.AgentHealth;

import java.lang.reflect.Method;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Times a Reactor {@code Mono}/{@code Flux} to its terminal signal, reflectively (the agent does
 * not link against Reactor). The result stays lazy: it becomes
 * {@code defer(() -> original.doOnEach(..).doOnCancel(..))}, so each subscription is one call,
 * timed from subscription to {@code onComplete}/{@code onError} (or cancel, counted as success),
 * and nothing happens for a publisher nobody subscribes to.
 */
final class Reactive {

    static final String MONO = "reactor.core.publisher.Mono";
    static final String FLUX = "reactor.core.publisher.Flux";

    /** Reactor's methods, found once per {@code Mono}/{@code Flux} class (one per class loader holding Reactor). */
    static final class Ops {
        final Method defer;
        final Method doOnEach;
        final Method doOnCancel;
        final Method isOnNext;
        final Method isOnError;
        final Method isOnComplete;
        final Method get;
        final Method getThrowable;

        Ops(Class<?> base) throws ReflectiveOperationException {
            defer = base.getMethod("defer", Supplier.class);
            doOnEach = base.getMethod("doOnEach", Consumer.class);
            doOnCancel = base.getMethod("doOnCancel", Runnable.class);
            Class<?> signal = Class.forName("reactor.core.publisher.Signal", false, base.getClassLoader());
            isOnNext = signal.getMethod("isOnNext");
            isOnError = signal.getMethod("isOnError");
            isOnComplete = signal.getMethod("isOnComplete");
            get = signal.getMethod("get");
            getThrowable = signal.getMethod("getThrowable");
        }
    }

    private static final ClassValue<Ops> OPS = new ClassValue<Ops>() {
        @Override
        protected Ops computeValue(Class<?> base) {
            try {
                return new Ops(base);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                return null;
            }
        }
    };

    private Reactive() {
    }

    /** The {@code Mono} or {@code Flux} class {@code value} is an instance of, or null. */
    static Class<?> reactorBase(Object value) {
        if (value == null) {
            return null;
        }
        for (Class<?> c = value.getClass(); c != null; c = c.getSuperclass()) {
            String name = c.getName();
            if (name.equals(MONO) || name.equals(FLUX)) {
                return c;
            }
        }
        return null;
    }

    /** The lazily timed publisher, or null when {@code publisher} is no Mono/Flux or cannot be wrapped. */
    static Object wrap(final Object publisher, final TimedCall.Factory factory) {
        Class<?> base = reactorBase(publisher);
        final Ops ops = base == null ? null : OPS.get(base);
        if (ops == null) {
            return null;
        }
        try {
            return ops.defer.invoke(null, (Supplier<Object>) () -> subscribe(ops, publisher, factory));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            AgentHealth.suppressed(e);
            return null;
        }
    }

    /** Runs at each subscription: a new call, and the original publisher with the signal hooks. */
    private static Object subscribe(final Ops ops, Object publisher, TimedCall.Factory factory) {
        try {
            final TimedCall call = factory.start(System.nanoTime());
            Object observed = ops.doOnEach.invoke(publisher, (Consumer<Object>) signal -> onSignal(ops, call, signal));
            return ops.doOnCancel.invoke(observed, (Runnable) () -> call.succeeded(null));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            AgentHealth.suppressed(e);
            return publisher;
        }
    }

    private static void onSignal(Ops ops, TimedCall call, Object signal) {
        try {
            if ((Boolean) ops.isOnNext.invoke(signal)) {
                call.next(ops.get.invoke(signal));
            } else if ((Boolean) ops.isOnError.invoke(signal)) {
                call.failed((Throwable) ops.getThrowable.invoke(signal));
            } else if ((Boolean) ops.isOnComplete.invoke(signal)) {
                call.succeeded(null);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            AgentHealth.suppressed(e);
        }
    }
}
