package ai.claw.bench.micro;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.lang.reflect.Proxy;

/**
 * A GET request as the container hands it to a servlet, without a container: exactly the calls
 * a servlet and the agent's advice make answer from fields; anything else would fail loudly.
 */
public final class StubRequest extends HttpServletRequestWrapper {

    private static final HttpServletRequest UNSUPPORTED = (HttpServletRequest) Proxy.newProxyInstance(
            StubRequest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
            });

    private final String method;
    private final String uri;

    public StubRequest(String method, String uri) {
        super(UNSUPPORTED);
        this.method = method;
        this.uri = uri;
    }

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public String getRequestURI() {
        return uri;
    }

    @Override
    public DispatcherType getDispatcherType() {
        return DispatcherType.REQUEST;
    }

    @Override
    public Object getAttribute(String name) {
        return null;
    }

    @Override
    public boolean isAsyncStarted() {
        return false;
    }

    @Override
    public long getDateHeader(String name) {
        return -1;
    }
}
