package ai.claw.it.servlets;

import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.util.EnumSet;

/** {@link ServletMetricsContract} on embedded Jetty 12 (ee10), the routes registered by class name. */
class JettyServletMetricsTest extends ServletMetricsContract {

    private Server server;

    @Override
    protected int start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        for (Routes.Route route : Routes.SERVLETS) {
            ServletHolder holder = new ServletHolder();
            holder.setName(route.name());
            holder.setClassName(route.className());
            holder.setAsyncSupported(true);
            context.addServlet(holder, route.pattern());
        }
        for (Routes.Route route : Routes.FILTERS) {
            FilterHolder holder = new FilterHolder();
            holder.setName(route.name());
            holder.setClassName(route.className());
            holder.setAsyncSupported(true);
            context.addFilter(holder, route.pattern(), EnumSet.of(DispatcherType.REQUEST));
        }
        ErrorPageErrorHandler errorPages = new ErrorPageErrorHandler();
        errorPages.addErrorPage(500, Routes.ERROR_PAGE);
        context.setErrorHandler(errorPages);

        server.setHandler(context);
        server.start();
        return connector.getLocalPort();
    }

    @Override
    protected void stop() throws Exception {
        server.stop();
    }
}
