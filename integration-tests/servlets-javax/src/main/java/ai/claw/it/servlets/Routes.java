package ai.claw.it.servlets;

import java.util.List;

/**
 * The application's deployment descriptor, as strings: embedding code (Tomcat, Jetty) registers
 * servlets and filters by class name, so the same list serves the javax jar and its jakarta
 * relocation. Register every servlet and filter as async-supported: one filter that is not
 * forbids {@code startAsync} for the whole chain.
 */
public final class Routes {

    /** A servlet or filter class and the URL pattern it is mapped to. */
    public record Route(String className, String pattern) {
        /** The registration name: the simple class name. */
        public String name() {
            return className.substring(className.lastIndexOf('.') + 1);
        }
    }

    /** Servlets and their mappings. */
    public static final List<Route> SERVLETS = List.of(
            new Route(HelloServlet.class.getName(), "/hello"),
            new Route(UserServlet.class.getName(), "/users/*"),
            new Route(ItemServlet.class.getName(), "/items/*"),
            new Route(FailServlet.class.getName(), "/fail"),
            new Route(AsyncServlet.class.getName(), "/async"),
            new Route(CreatedServlet.class.getName(), "/created"),
            new Route(ForwardServlet.class.getName(), "/forward"),
            new Route(ExplicitNotFoundServlet.class.getName(), "/notfound-explicit"),
            new Route(ErrorPageServlet.class.getName(), Routes.ERROR_PAGE));

    /** Filters, in chain order, each on every path. */
    public static final List<Route> FILTERS = List.of(
            new Route(OuterFilter.class.getName(), "/*"),
            new Route(InnerFilter.class.getName(), "/*"));

    /** Where the container sends status 500 (the error page for uncaught exceptions). */
    public static final String ERROR_PAGE = "/error-page";

    private Routes() {
    }
}
