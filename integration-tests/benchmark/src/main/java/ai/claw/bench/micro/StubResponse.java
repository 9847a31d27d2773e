package ai.claw.bench.micro;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.lang.reflect.Proxy;

/** The response side of {@link StubRequest}; counts body bytes like Tomcat's {@code getContentWritten()}. */
public final class StubResponse extends HttpServletResponseWrapper {

    private static final HttpServletResponse UNSUPPORTED = (HttpServletResponse) Proxy.newProxyInstance(
            StubResponse.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
            });

    private int status = 200;
    private long written;

    public StubResponse() {
        super(UNSUPPORTED);
    }

    @Override
    public void setStatus(int sc) {
        status = sc;
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void setContentType(String type) {
    }

    /** What the servlet "wrote"; read by the agent as Tomcat's counter. */
    public void write(int bytes) {
        written += bytes;
    }

    public long getContentWritten() {
        return written;
    }

    public void clear() {
        status = 200;
        written = 0;
    }
}
