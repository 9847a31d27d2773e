package ai.claw.it.servlets;

import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;

/** First in the chain: adds {@code X-Filters: outer} and passes the request on. */
public class OuterFilter implements javax.servlet.Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        ((HttpServletResponse) res).addHeader("X-Filters", "outer");
        chain.doFilter(req, res);
    }
}
