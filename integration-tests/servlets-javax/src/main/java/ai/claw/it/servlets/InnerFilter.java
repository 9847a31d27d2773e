package ai.claw.it.servlets;

import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Second in the chain: adds {@code X-Filters: inner} and passes the request on. */
public class InnerFilter implements javax.servlet.Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        ((HttpServletResponse) res).addHeader("X-Filters", "inner");
        chain.doFilter(req, res);
    }
}
