package ai.claw.agent.instrumentation;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassHeaderTest {

    private static final ClassLoader LOADER = ClassHeaderTest.class.getClassLoader();

    /** A name that is not ASCII, so its class file spells it in multi-byte modified UTF-8. */
    @SuppressWarnings("unused")
    static final class Größe€ implements Runnable, java.io.Serializable {
        static final long BIG = 1L << 40; // Long and Double constants take two pool entries
        static final double RATIO = 0.5;

        @Override
        public void run() {
        }
    }

    @Test
    void readsWhatAsmReadsForEveryClassOfJavaBase() throws IOException {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        List<Path> classes;
        try (Stream<Path> files = Files.walk(jrt.getPath("/modules/java.base"))) {
            classes = files.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
        }
        assertTrue(classes.size() > 3000, "java.base has thousands of classes: " + classes.size());
        for (Path path : classes) {
            byte[] classFile = Files.readAllBytes(path);
            ClassHeader header = ClassHeader.of(classFile);
            ClassReader asm = new ClassReader(classFile);
            assertEquals(asm.getClassName().replace('/', '.'), header.name(), path.toString());
            assertEquals(asm.getSuperName() == null ? null : asm.getSuperName().replace('/', '.'), header.superName(), path.toString());
            assertArrayEquals(Arrays.stream(asm.getInterfaces()).map(i -> i.replace('/', '.')).toArray(), header.interfaces(), path.toString());
            assertEquals((asm.getAccess() & Opcodes.ACC_INTERFACE) != 0, header.isInterface(), path.toString());
            assertEquals((asm.getAccess() & Opcodes.ACC_SYNTHETIC) != 0, header.isSynthetic(), path.toString());
        }
    }

    @Test
    void decodesNamesThatAreNotAscii() {
        for (ClassHeader header : new ClassHeader[] {ClassHeader.of(ClassHeader.read(LOADER, Größe€.class.getName())),
            ClassHeader.ofResource(LOADER, Größe€.class.getName())}) {
            assertEquals(Größe€.class.getName(), header.name());
            assertEquals("java.lang.Object", header.superName());
            assertArrayEquals(new String[] {"java.lang.Runnable", "java.io.Serializable"}, header.interfaces());
            assertFalse(header.isInterface());
        }
    }

    @Test
    void mentionsFindsAConstantPoolEntryByItsBytes() {
        ClassHeader header = ClassHeader.of(ClassHeader.read(LOADER, Größe€.class.getName()));
        assertTrue(header.mentions(utf8("Ljava/lang/Runnable;", "run")), "a method name in the pool");
        assertFalse(header.mentions(utf8("Ljava/lang/Deprecated;", "runs")));
        assertTrue(ClassHeader.of(Größe€.class).mentions(utf8("run")), "a loaded class's class file is read for it");
        assertFalse(ClassHeader.ofResource(LOADER, Größe€.class.getName()).mentions(utf8("run")),
                "a header read for its names keeps no class file");
    }

    @Test
    void rejectsWhatIsNoClassFileAndFindsNoMissingOne() {
        byte[] classFile = ClassHeader.read(LOADER, Größe€.class.getName());
        assertNotNull(classFile);
        int pastPool = new ClassReader(classFile).header; // where the access flags start
        for (int cut : new int[] {0, 9, 40, pastPool - 1, pastPool + 7}) {
            byte[] truncated = Arrays.copyOf(classFile, cut);
            assertThrows(IllegalArgumentException.class, () -> ClassHeader.of(truncated), "cut at " + cut);
        }
        byte[] text = "not a class file at all".getBytes(StandardCharsets.US_ASCII);
        assertThrows(IllegalArgumentException.class, () -> ClassHeader.of(text));
        assertNull(ClassHeader.ofResource(LOADER, "ai.claw.NoSuchClass"));
        assertNull(ClassHeader.read(LOADER, "ai.claw.NoSuchClass"));
    }

    private static byte[][] utf8(String... entries) {
        byte[][] bytes = new byte[entries.length][];
        for (int i = 0; i < entries.length; i++) {
            bytes[i] = entries[i].getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }
}
