package ai.claw.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarFile;

/**
 * Puts the facade classes ({@code ai.claw.agent.bootstrap}) on the bootstrap class path, where
 * advice inlined into any class loader's classes can see them. They travel inside the agent jar
 * as a nested jar, so the system class loader never loads them from the agent jar itself.
 */
final class BootstrapJar {

    static final String RESOURCE = "claw-ai-agent-bootstrap.jar.bin";
    private static final String PROBE = "ai.claw.agent.bootstrap.HttpFacade";

    private BootstrapJar() {
    }

    static void append(Instrumentation instrumentation) throws IOException {
        if (alreadyVisible()) {
            return; // attached twice, or the facade is on the class path (tests)
        }
        File jar;
        try {
            jar = File.createTempFile("claw-ai-agent-bootstrap-", ".jar");
        } catch (IOException e) {
            throw new IOException("cannot write the agent's facade jar to java.io.tmpdir '" + System.getProperty("java.io.tmpdir")
                    + "' (" + e.getMessage() + "): give the JVM a writable temporary directory, e.g. -Djava.io.tmpdir=/writable/dir", e);
        }
        jar.deleteOnExit();
        try (InputStream in = BootstrapJar.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the agent jar has no " + RESOURCE + "; was it built with 'mvn package'?");
            }
            Files.copy(in, jar.toPath(), StandardCopyOption.REPLACE_EXISTING);
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar));
    }

    private static boolean alreadyVisible() {
        try {
            Class.forName(PROBE, false, BootstrapJar.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
