package ai.claw.agent.instrumentation.servlet;

import ai.claw.agent.bootstrap.AgentHealth;
import ai.claw.agent.bootstrap.HttpFacade;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.servlet.AsyncContext;
import javax.servlet.AsyncListener;
import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ServletWeaver} on the real {@code javax.servlet.http.HttpServlet} and on servlets and a
 * filter of its own, each woven, defined (so verified) in a loader of their own and called: the
 * facade sees one recorded request per outermost REQUEST dispatch, and the servlet's behaviour,
 * its exceptions included, is unchanged.
 */
class ServletWeaverTest {

    public static class OkServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            response.setStatus(201);
        }
    }

    public static class FailingServlet extends HttpServlet {
        public static final IOException FAILURE = new IOException("boom");

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            throw FAILURE;
        }
    }

    /** Passes the request down the chain twice (a filter that retries), then returns early or late. */
    public static class RetryFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            chain.doFilter(request, response);
            if (request.getAttribute("once") != null) {
                return;
            }
            chain.doFilter(request, response);
        }
    }

    /** Declares neither method: nothing to weave. */
    public static class Unrelated {
        public void service(Object request, Object response) {
        }
    }

    private final List<String> finished = new ArrayList<>();
    private final List<Throwable> suppressed = new ArrayList<>();
    private Object asyncListener;

    @BeforeEach
    void install() {
        HttpFacade.install(new HttpFacade.Sink() {
            @Override
            public void started() {
            }

            @Override
            public void finished(long startNanos, String method, String uri, Object route, int status, Object response) {
                assertTrue(startNanos != 0L);
                finished.add(method + " " + uri + " " + route + " " + status);
            }

            @Override
            public Object asyncListener(Class<?> listenerType, long startNanos, String method, String uri, Object route, Object response) {
                finished.add("async " + method + " " + uri + " " + listenerType.getName());
                return asyncListener;
            }
        });
        AgentHealth.install(suppressed::add);
    }

    @AfterEach
    void uninstall() {
        HttpFacade.install(null);
        AgentHealth.install(null);
    }

    @Test
    void aRequestIsRecordedOnceWithItsStatus() throws Exception {
        Servlet servlet = woven(OkServlet.class);
        servlet.service(request(DispatcherType.REQUEST, false), response(201));
        servlet.service(request(DispatcherType.REQUEST, false), response(201));
        assertEquals(Arrays.asList("GET /items/7 /items/{id} 201", "GET /items/7 /items/{id} 201"), finished);
        assertEquals(new ArrayList<Throwable>(), suppressed);
    }

    @Test
    void anExceptionIsRethrownAsItWasAndRecordedAs500() throws Exception {
        Servlet servlet = woven(FailingServlet.class);
        Class<?> failing = servlet.getClass();
        IOException thrown = assertThrows(IOException.class, () -> servlet.service(request(DispatcherType.REQUEST, false), response(200)));
        assertSame(failing.getDeclaredField("FAILURE").get(null), thrown);
        assertEquals(Arrays.asList("GET /items/7 /items/{id} 500"), finished);
        assertEquals(new ArrayList<Throwable>(), suppressed);
    }

    @Test
    void nestedCallsAndOtherDispatchesRecordNothingMore() throws Exception {
        Servlet servlet = woven(OkServlet.class);
        Filter filter = (Filter) define(RetryFilter.class).getDeclaredConstructor().newInstance();
        FilterChain chain = (request, response) -> servlet.service(request, response);
        filter.doFilter(request(DispatcherType.REQUEST, false), response(201), chain);
        assertEquals(Arrays.asList("GET /items/7 /items/{id} 201"), finished);

        servlet.service(request(DispatcherType.FORWARD, false), response(201));
        servlet.service(request(DispatcherType.ERROR, false), response(500));
        assertThrows(ServletException.class, () -> servlet.service(plainRequest(), response(200)), "HttpServlet's own answer");
        assertEquals(1, finished.size(), "only the REQUEST dispatch of HTTP requests is recorded");

        servlet.service(request(DispatcherType.REQUEST, false), response(201));
        assertEquals(2, finished.size(), "the thread's state is back to the outermost call");
        assertEquals(new ArrayList<Throwable>(), suppressed);
    }

    @Test
    void anAsyncRequestGetsTheRecordersListener() throws Exception {
        List<Object> added = new ArrayList<>();
        asyncListener = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AsyncListener.class}, (p, m, a) -> null);
        AsyncContext context = (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AsyncContext.class},
                (p, m, a) -> {
                    if (m.getName().equals("addListener")) {
                        added.add(a[0]);
                    }
                    return null;
                });
        Servlet servlet = woven(OkServlet.class);
        servlet.service(request(DispatcherType.REQUEST, true, context), response(200));
        assertEquals(Arrays.asList("async GET /items/7 javax.servlet.AsyncListener"), finished);
        assertEquals(1, added.size());
        assertSame(asyncListener, added.get(0));

        asyncListener = null; // the recorder declined: the request is recorded at once
        servlet.service(request(DispatcherType.REQUEST, true, context), response(200));
        assertEquals("GET /items/7 /items/{id} 200", finished.get(2));
        assertEquals(new ArrayList<Throwable>(), suppressed);
    }

    @Test
    void aFailingRequestObjectIsSuppressedAndTheCallGoesOn() throws Exception {
        Servlet servlet = woven(OkServlet.class);
        ServletResponse broken = (ServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
                    if (m.getName().equals("getStatus")) {
                        throw new IllegalStateException("no status");
                    }
                    return null;
                });
        servlet.service(request(DispatcherType.REQUEST, false), broken);
        assertEquals(1, suppressed.size());
        assertEquals("no status", suppressed.get(0).getMessage());
        servlet.service(request(DispatcherType.REQUEST, false), response(201));
        assertEquals(Arrays.asList("GET /items/7 /items/{id} 201"), finished);
    }

    @Test
    void onlyServiceAndDoFilterWithTheirExactSignaturesAreWoven() {
        assertNull(ServletWeaver.weave(read(Unrelated.class.getName()), "javax.servlet"));
        assertNull(ServletWeaver.weave(read(OkServlet.class.getName()), "javax.servlet"), "doGet only");
        assertNull(ServletWeaver.weave(read("javax.servlet.GenericServlet"), "javax.servlet"), "abstract service");
        assertNotNull(ServletWeaver.weave(read("javax.servlet.http.HttpServlet"), "javax.servlet"));
        assertNull(ServletWeaver.weave(read("javax.servlet.http.HttpServlet"), "jakarta.servlet"));
    }

    private Servlet woven(Class<? extends Servlet> type) throws Exception {
        return (Servlet) define(type).getDeclaredConstructor().newInstance();
    }

    /** The class, HttpServlet and the filter in a loader of their own, each woven where it has something to weave. */
    private static Class<?> define(Class<?> type) throws ClassNotFoundException {
        Set<String> own = new HashSet<>(Arrays.asList("javax.servlet.http.HttpServlet", type.getName()));
        ClassLoader loader = new ClassLoader(ServletWeaverTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                synchronized (getClassLoadingLock(name)) {
                    if (!own.contains(name)) {
                        return super.loadClass(name, resolve);
                    }
                    Class<?> loaded = findLoadedClass(name);
                    if (loaded == null) {
                        byte[] classFile = read(name);
                        byte[] woven = ServletWeaver.weave(classFile, "javax.servlet");
                        byte[] bytes = woven != null ? woven : classFile;
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    }
                    return loaded;
                }
            }
        };
        return Class.forName(type.getName(), true, loader);
    }

    private static byte[] read(String name) {
        try (InputStream in = ServletWeaverTest.class.getClassLoader().getResourceAsStream(name.replace('.', '/') + ".class")) {
            assertNotNull(in, name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private HttpServletRequest request(DispatcherType dispatch, boolean async) {
        return request(dispatch, async, null);
    }

    private HttpServletRequest request(DispatcherType dispatch, boolean async, AsyncContext context) {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (p, m, a) -> {
                    switch (m.getName()) {
                        case "getDispatcherType": return dispatch;
                        case "getMethod": return "GET";
                        case "getRequestURI": return "/items/7";
                        case "getAttribute":
                            return ServletWeaver.SPRING_ROUTE.equals(a[0]) ? "/items/{id}" : null;
                        case "isAsyncStarted": return async;
                        case "getAsyncContext": return context;
                        case "getProtocol": return "HTTP/1.1";
                        default: return null;
                    }
                });
    }

    private ServletRequest plainRequest() {
        return (ServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServletRequest.class},
                (p, m, a) -> null);
    }

    private HttpServletResponse response(int status) {
        return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (p, m, a) -> m.getName().equals("getStatus") ? status : null);
    }
}
