package ai.claw.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
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
        File jar = write(new File(System.getProperty("java.io.tmpdir")));
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar));
    }

    /**
     * Copies the facade jar to a new file in {@code dir}. The name is made unique by the clock and
     * a fresh object's identity hash, not by {@code File.createTempFile}, whose {@code SecureRandom}
     * costs the application's main thread about 25 ms of security provider set-up in every
     * {@code premain}; {@code CREATE_NEW} still refuses any file that already exists.
     */
    static File write(File dir) throws IOException {
        try (InputStream in = BootstrapJar.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the agent jar has no " + RESOURCE + "; was it built with 'mvn package'?");
            }
            FileAlreadyExistsException taken = null;
            for (int attempt = 0; attempt < 8; attempt++) {
                long unique = System.nanoTime() ^ ((long) System.identityHashCode(new Object()) << 32);
                File jar = new File(dir, "claw-ai-agent-bootstrap-" + Long.toHexString(unique) + ".jar");
                try (OutputStream out = createNew(jar.toPath())) {
                    jar.deleteOnExit();
                    byte[] buffer = new byte[16 * 1024];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        out.write(buffer, 0, n);
                    }
                    return jar;
                } catch (FileAlreadyExistsException e) {
                    taken = e;
                }
            }
            throw taken;
        } catch (IOException e) {
            throw new IOException("cannot write the agent's facade jar to java.io.tmpdir '" + dir + "' (" + e.getMessage()
                    + "): give the JVM a writable temporary directory, e.g. -Djava.io.tmpdir=/writable/dir", e);
        }
    }

    /** A new file only its owner can read and write, where the file system has POSIX permissions. */
    private static OutputStream createNew(Path path) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            return Channels.newOutputStream(Files.newByteChannel(path, options,
                    PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))));
        } catch (UnsupportedOperationException notPosix) {
            return Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
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
