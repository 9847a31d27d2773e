package ai.claw.it.servlets;

import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

import java.io.File;
import java.nio.file.Files;

/**
 * Embedded Tomcat serving {@link Routes} on a free port of 127.0.0.1. Servlets and filters are
 * registered by class name only, so this class compiled against Tomcat 9 runs unchanged on
 * Tomcat 10 and 11 once relocated to jakarta.servlet.
 */
public final class TomcatServer implements AutoCloseable {

    private final Tomcat tomcat;
    private final int port;

    private TomcatServer(Tomcat tomcat) {
        this.tomcat = tomcat;
        this.port = tomcat.getConnector().getLocalPort();
    }

    public static TomcatServer start() throws Exception {
        File base = Files.createTempDirectory("claw-it-tomcat").toFile();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.getAbsolutePath());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context ctx = tomcat.addContext("", base.getAbsolutePath());

        // Like conf/web.xml of a real Tomcat: unmapped paths reach the default servlet (and answer 404 there).
        Tomcat.addServlet(ctx, "default", "org.apache.catalina.servlets.DefaultServlet");
        ctx.addServletMappingDecoded("/", "default");
        for (Routes.Route route : Routes.SERVLETS) {
            Wrapper wrapper = Tomcat.addServlet(ctx, route.name(), route.className());
            wrapper.setAsyncSupported(true);
            ctx.addServletMappingDecoded(route.pattern(), route.name());
        }
        for (Routes.Route route : Routes.FILTERS) {
            FilterDef def = new FilterDef();
            def.setFilterName(route.name());
            def.setFilterClass(route.className());
            def.setAsyncSupported("true");
            ctx.addFilterDef(def);
            FilterMap map = new FilterMap();
            map.setFilterName(route.name());
            map.addURLPattern(route.pattern());
            ctx.addFilterMap(map);
        }
        ErrorPage errorPage = new ErrorPage();
        errorPage.setErrorCode(500);
        errorPage.setLocation(Routes.ERROR_PAGE);
        ctx.addErrorPage(errorPage);

        tomcat.start();
        return new TomcatServer(tomcat);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
