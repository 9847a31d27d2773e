package ai.claw.it.servlets;

import javax.servlet.RequestDispatcher;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The container's error page for 500: shows the status, the failed URI and the exception the
 * container caught, so a test can tell that exception is the application's own.
 */
public class ErrorPageServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.setContentType("text/plain;charset=UTF-8");
        res.getWriter().write("error-page " + req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE)
                + " " + req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
                + " " + req.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
    }
}
