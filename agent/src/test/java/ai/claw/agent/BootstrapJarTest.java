package ai.claw.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BootstrapJarTest {

    @Test
    void eachCopyIsANewOwnerOnlyFileHoldingTheFacadeJar(@TempDir Path dir) throws Exception {
        File first = BootstrapJar.write(dir.toFile());
        File second = BootstrapJar.write(dir.toFile());
        assertNotEquals(first, second);
        byte[] expected;
        try (InputStream in = BootstrapJar.class.getResourceAsStream(BootstrapJar.RESOURCE)) {
            expected = in.readAllBytes();
        }
        assertArrayEquals(expected, Files.readAllBytes(first.toPath()));
        assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(first.toPath()));
        try (JarFile jar = new JarFile(first)) {
            assertNotNull(jar.getEntry("ai/claw/agent/bootstrap/HttpFacade.class"));
        }
    }

    @Test
    void anUnwritableDirectoryIsNamedInTheMessage(@TempDir Path dir) {
        File missing = dir.resolve("no-such-dir").toFile();
        Exception e = assertThrows(java.io.IOException.class, () -> BootstrapJar.write(missing));
        assertTrue(e.getMessage().startsWith("cannot write the agent's facade jar to java.io.tmpdir '" + missing + "'"),
                e.getMessage());
    }
}
