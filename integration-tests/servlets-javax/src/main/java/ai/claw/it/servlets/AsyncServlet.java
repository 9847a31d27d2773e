package ai.claw.it.servlets;

import javax.servlet.AsyncContext;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** {@code GET /async} starts async and completes {@link #DELAY_MILLIS} later on another thread. */
public class AsyncServlet extends HttpServlet {

    public static final long DELAY_MILLIS = 300;
    public static final String BODY = "async done";

    private ScheduledExecutorService timer;

    @Override
    public void init() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "async-servlet-timer");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) {
        AsyncContext async = req.startAsync();
        async.setTimeout(30_000);
        timer.schedule(() -> {
            try {
                HttpServletResponse response = (HttpServletResponse) async.getResponse();
                response.setContentType("text/plain;charset=UTF-8");
                response.getWriter().write(BODY);
            } catch (IOException e) {
                log("async write failed", e);
            } finally {
                async.complete();
            }
        }, DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }
}
