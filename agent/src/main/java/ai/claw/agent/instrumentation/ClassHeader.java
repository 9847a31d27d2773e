package ai.claw.agent.instrumentation;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.Opcodes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * What the transformer needs to know of a class before deciding whether it is ours: its name,
 * whether it is an interface or synthetic, its direct super types, and which names its constant
 * pool mentions. Read from the class file's header by ASM's {@link ClassReader}, which indexes
 * the constant pool and parses nothing else, so rejecting a class costs no ByteBuddy type
 * description at all.
 */
final class ClassHeader {

    private final String name;
    private final int access;
    private final String superName;
    private final String[] interfaces;
    /** The loaded class this describes, or null for a class file being loaded. */
    private final Class<?> loaded;
    /** The class file's reader; for a loaded class, read when first needed (null if none is found). */
    private ClassReader reader;

    private ClassHeader(String name, int access, String superName, String[] interfaces, Class<?> loaded, ClassReader reader) {
        this.name = name;
        this.access = access;
        this.superName = superName;
        this.interfaces = interfaces;
        this.loaded = loaded;
        this.reader = reader;
    }

    /** From a class file; throws {@link IllegalArgumentException} if it is not one ASM can read. */
    static ClassHeader of(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        String[] interfaces = reader.getInterfaces();
        for (int i = 0; i < interfaces.length; i++) {
            interfaces[i] = dotted(interfaces[i]);
        }
        String superName = reader.getSuperName();
        return new ClassHeader(dotted(reader.getClassName()), reader.getAccess(), superName == null ? null : dotted(superName),
                interfaces, null, reader);
    }

    /**
     * A loaded class, by reflection: its super types are loaded already, so nothing is read or
     * loaded for them. Its class file is read only if {@link #mentions} is asked.
     */
    static ClassHeader of(Class<?> type) {
        Class<?>[] declared = type.getInterfaces();
        String[] interfaces = new String[declared.length];
        for (int i = 0; i < declared.length; i++) {
            interfaces[i] = declared[i].getName();
        }
        Class<?> superClass = type.getSuperclass();
        int access = (type.isInterface() ? Opcodes.ACC_INTERFACE : 0) | (type.isSynthetic() ? Opcodes.ACC_SYNTHETIC : 0);
        return new ClassHeader(type.getName(), access, superClass == null ? null : superClass.getName(), interfaces, type, null);
    }

    /** The class file of {@code className} as {@code loader} (null: the bootstrap loader) finds it, or null. */
    static byte[] read(ClassLoader loader, String className) {
        String resource = className.replace('.', '/') + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }

    String name() {
        return name;
    }

    boolean isInterface() {
        return (access & Opcodes.ACC_INTERFACE) != 0;
    }

    boolean isSynthetic() {
        return (access & Opcodes.ACC_SYNTHETIC) != 0;
    }

    /** The super class's name, null for {@code java.lang.Object} and interfaces' (absent) one. */
    String superName() {
        return superName;
    }

    String[] interfaces() {
        return interfaces;
    }

    /** The loaded class described, or null when described from a class file being loaded. */
    Class<?> loaded() {
        return loaded;
    }

    /**
     * Whether the constant pool holds one of these UTF-8 entries (e.g. an annotation's descriptor),
     * compared byte by byte without decoding. False when there is no class file to look into
     * (a class generated at run time).
     */
    boolean mentions(byte[][] utf8Entries) {
        if (reader == null && loaded != null) {
            byte[] classFile = read(loaded.getClassLoader(), name);
            try {
                reader = classFile == null ? null : new ClassReader(classFile);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        if (reader == null) {
            return false;
        }
        byte[] b = reader.b;
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset == 0 || b[offset - 1] != 1) { // 1: CONSTANT_Utf8
                continue;
            }
            int length = reader.readUnsignedShort(offset);
            for (byte[] wanted : utf8Entries) {
                if (wanted.length == length && equalAt(b, offset + 2, wanted)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean equalAt(byte[] b, int offset, byte[] wanted) {
        for (int i = 0; i < wanted.length; i++) {
            if (b[offset + i] != wanted[i]) {
                return false;
            }
        }
        return true;
    }
}
