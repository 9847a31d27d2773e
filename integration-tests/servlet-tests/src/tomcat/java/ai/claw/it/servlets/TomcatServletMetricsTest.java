package ai.claw.it.servlets;

/**
 * {@link ServletMetricsContract} on embedded Tomcat. One source for Tomcat 9 (javax, the
 * servlets-javax jar) and Tomcat 10/11 (jakarta, the relocated servlets-jakarta jar): it only
 * touches {@link TomcatServer}, whose class name is the same in both jars.
 */
class TomcatServletMetricsTest extends ServletMetricsContract {

    private TomcatServer server;

    @Override
    protected int start() throws Exception {
        server = TomcatServer.start();
        return server.port();
    }

    @Override
    protected void stop() throws Exception {
        server.close();
    }
}
