/**
 * What inlined advice calls. This package is appended to the bootstrap class path, so it is
 * visible from every class loader (Tomcat's, Spring Boot's, an OSGi bundle's). It depends on
 * {@code java.base} only: {@code java.sql}, servlet and client objects travel as
 * {@code Object}. Each facade holds a no-op sink until the agent core installs the real one.
 */
package ai.claw.agent.bootstrap;
