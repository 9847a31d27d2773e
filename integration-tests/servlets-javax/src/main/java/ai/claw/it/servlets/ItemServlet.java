package ai.claw.it.servlets;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /items/<id>} → 200 {@code item <id>}; mapped as the wildcard {@code /items/*}. */
public class ItemServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.setContentType("text/plain;charset=UTF-8");
        res.getWriter().write("item " + req.getPathInfo().substring(1));
    }
}
