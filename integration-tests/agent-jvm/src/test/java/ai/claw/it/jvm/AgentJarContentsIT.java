package ai.claw.it.jvm;

import ai.claw.it.ForkedJvm;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent jar is self-contained and relocated: nothing in it can clash with an application's classes. */
class AgentJarContentsIT {

    @Test
    void everyClassLivesUnderTheAgentsOwnPackage() throws Exception {
        List<String> foreign = new ArrayList<>();
        try (JarFile jar = new JarFile(ForkedJvm.agentJar())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.endsWith(".class") && !name.startsWith("ai/claw/agent/")) {
                    foreign.add(name);
                }
                if (name.startsWith("META-INF/services/")) {
                    foreign.add(name + " (a service file would expose a class to the application's ServiceLoader)");
                }
            }
        }
        assertEquals(List.of(), foreign, "unrelocated entries in the agent jar");
    }

    @Test
    void theBootstrapFacadeIsNestedAndHoldsOnlyTheFacadePackage() throws Exception {
        try (JarFile jar = new JarFile(ForkedJvm.agentJar())) {
            JarEntry nested = jar.getJarEntry("ai/claw/agent/claw-ai-agent-bootstrap.jar.bin");
            assertNotNull(nested, "nested bootstrap jar");
            int classes = 0;
            try (InputStream in = jar.getInputStream(nested); JarInputStream bootstrap = new JarInputStream(in)) {
                for (JarEntry e; (e = bootstrap.getNextJarEntry()) != null; ) {
                    if (e.getName().endsWith(".class")) {
                        assertTrue(e.getName().startsWith("ai/claw/agent/bootstrap/"), e.getName());
                        classes++;
                    }
                }
            }
            assertTrue(classes > 0);
            // The facade must not also sit in the agent jar itself, or the system class loader would load a second copy.
            assertEquals(null, jar.getJarEntry("ai/claw/agent/bootstrap/HttpFacade.class"));
        }
    }

    @Test
    void manifestMakesItAnAgentAndALauncher() throws Exception {
        try (JarFile jar = new JarFile(ForkedJvm.agentJar())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("ai.claw.agent.ClawAgent", main.getValue("Premain-Class"));
            assertEquals("ai.claw.agent.ClawAgent", main.getValue("Agent-Class"));
            assertEquals("ai.claw.agent.AgentCli", main.getValue("Main-Class"));
            assertEquals("true", main.getValue("Can-Retransform-Classes"));
            assertEquals(null, main.getValue("Launcher-Agent-Class"), "java -jar claw-ai-agent.jar list must not start the agent in the CLI");
        }
        assertTrue(Files.size(Path.of(ForkedJvm.agentJar())) > 0);
    }
}
