package ai.claw.it.servlets;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code POST /created} (any body) → 201 {@code {"created":true}} with a Location header. */
public class CreatedServlet extends HttpServlet {

    public static final String BODY = "{\"created\":true}";

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        req.getInputStream().readAllBytes();
        res.setStatus(HttpServletResponse.SC_CREATED);
        res.setHeader("Location", "/created/1");
        res.setContentType("application/json");
        res.getOutputStream().write(BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
