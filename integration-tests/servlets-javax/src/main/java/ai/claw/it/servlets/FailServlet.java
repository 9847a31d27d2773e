package ai.claw.it.servlets;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** {@code GET /fail} throws; the container answers 500 through {@link ErrorPageServlet}. */
public class FailServlet extends HttpServlet {

    public static final String MESSAGE = "fail on purpose";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) {
        throw new IllegalStateException(MESSAGE);
    }
}
