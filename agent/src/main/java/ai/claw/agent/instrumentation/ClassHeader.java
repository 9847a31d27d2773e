package ai.claw.agent.instrumentation;

import net.bytebuddy.jar.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the transformer needs to know of a class before deciding whether it is ours: its name,
 * whether it is an interface or synthetic, its direct super types, and which names its constant
 * pool mentions. Read from the class file's first bytes (JVMS 4.1: the constant pool, then
 * access flags, this class, super class, interfaces) and nothing after them.
 *
 * <p>Every class the application loads comes through here, and most are rejected here, so
 * reading one allocates no more than the names it returns: the pool's offsets, the characters
 * of a name and a super type's class file ({@link #ofResource}) go into scratch buffers that the
 * next class reuses, and {@link #mentions} compares bytes without decoding. ASM's
 * {@code ClassReader} did this job before; it indexed, decoded and copied for each class, and
 * that was about half of what the agent added to the application's allocation while it started.
 */
final class ClassHeader {

    private static final int MAGIC = 0xCAFEBABE;
    /** Scratch buffers grown past these sizes by a huge class are not kept for the next one. */
    private static final int KEPT_BYTES = 1 << 16;
    private static final int KEPT_ENTRIES = 1 << 14;
    /** The spare scratch space, lent to one reader at a time; a second reader meanwhile allocates its own. */
    private static final AtomicReference<Scratch> SPARE = new AtomicReference<>();

    /** What reading one header needs for a moment: a class file's bytes, its pool's offsets, a name's chars. */
    private static final class Scratch {
        byte[] bytes = new byte[8192];
        int[] offsets = new int[1024];
        char[] chars = new char[256];

        static Scratch borrow() {
            Scratch spare = SPARE.getAndSet(null);
            return spare != null ? spare : new Scratch();
        }

        void giveBack() {
            if (bytes.length <= KEPT_BYTES && offsets.length <= KEPT_ENTRIES && chars.length <= KEPT_BYTES) {
                SPARE.set(this);
            }
        }
    }

    private final String name;
    private final int access;
    private final String superName;
    private final String[] interfaces;
    /** The loaded class this describes, or null for a class file. */
    private final Class<?> loaded;
    /** The class file, for {@link #mentions}; null if not kept, or for a loaded class until first asked. */
    private byte[] classFile;

    private ClassHeader(String name, int access, String superName, String[] interfaces, Class<?> loaded, byte[] classFile) {
        this.name = name;
        this.access = access;
        this.superName = superName;
        this.interfaces = interfaces;
        this.loaded = loaded;
        this.classFile = classFile;
    }

    /** From a class file, which it keeps for {@link #mentions}; throws {@link IllegalArgumentException} if it is not one. */
    static ClassHeader of(byte[] classFile) {
        Scratch scratch = Scratch.borrow();
        try {
            return parse(classFile, classFile.length, true, scratch);
        } finally {
            scratch.giveBack();
        }
    }

    /**
     * {@code className}'s header as {@code loader} (null: the bootstrap loader) finds its class
     * file, or null if it finds none or it is no class file. Read for the names only: it does
     * not keep the class file ({@link #mentions} answers false).
     */
    static ClassHeader ofResource(ClassLoader loader, String className) {
        Scratch scratch = Scratch.borrow();
        try {
            int length = load(loader, className, scratch);
            return length < 0 ? null : parse(scratch.bytes, length, false, scratch);
        } catch (IllegalArgumentException e) {
            return null;
        } finally {
            scratch.giveBack();
        }
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
        Scratch scratch = Scratch.borrow();
        try {
            int length = load(loader, className, scratch);
            return length < 0 ? null : Arrays.copyOf(scratch.bytes, length);
        } finally {
            scratch.giveBack();
        }
    }

    /** Reads the class file into {@code scratch.bytes}, grown to fit; its length, or -1 if none is found or it cannot be read. */
    private static int load(ClassLoader loader, String className, Scratch scratch) {
        String resource = className.replace('.', '/') + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
            if (in == null) {
                return -1;
            }
            int length = 0;
            for (int n; (n = in.read(scratch.bytes, length, scratch.bytes.length - length)) != -1; ) {
                length += n;
                if (length == scratch.bytes.length) {
                    scratch.bytes = Arrays.copyOf(scratch.bytes, length * 2);
                }
            }
            return length;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static ClassHeader parse(byte[] b, int length, boolean keep, Scratch scratch) {
        if (length < 10 || readInt(b, 0) != MAGIC) {
            throw new IllegalArgumentException("not a class file");
        }
        int count = readUnsignedShort(b, 8);
        if (scratch.offsets.length < count) {
            scratch.offsets = new int[count];
        }
        int[] offsets = scratch.offsets;
        try {
            int end = walkPool(b, length, count, offsets);
            if (end + 8 > length) {
                throw new IllegalArgumentException("truncated class file");
            }
            int access = readUnsignedShort(b, end);
            String name = className(b, offsets, count, scratch, readUnsignedShort(b, end + 2));
            int superIndex = readUnsignedShort(b, end + 4);
            String superName = superIndex == 0 ? null : className(b, offsets, count, scratch, superIndex);
            int interfaceCount = readUnsignedShort(b, end + 6);
            if (end + 8 + 2 * interfaceCount > length) {
                throw new IllegalArgumentException("truncated class file");
            }
            String[] interfaces = new String[interfaceCount];
            for (int i = 0; i < interfaceCount; i++) {
                interfaces[i] = className(b, offsets, count, scratch, readUnsignedShort(b, end + 8 + 2 * i));
            }
            return new ClassHeader(name, access, superName, interfaces, null, keep ? b : null);
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated class file");
        }
    }

    /**
     * Steps through the constant pool; puts each entry's offset (its tag's) in {@code offsets}
     * if not null, or stops at the first UTF-8 entry equal to one of {@code wanted} if given.
     * Returns the offset just past the pool, or -1 when a wanted entry was found.
     */
    private static int walkPool(byte[] b, int length, int count, int[] offsets, byte[]... wanted) {
        int offset = 10;
        for (int i = 1; i < count; i++) {
            if (offsets != null) {
                offsets[i] = offset;
            }
            int tag = b[offset];
            switch (tag) {
                case 1: // Utf8
                    int size = readUnsignedShort(b, offset + 1);
                    for (byte[] w : wanted) {
                        if (w.length == size && equalAt(b, offset + 3, w)) {
                            return -1;
                        }
                    }
                    offset += 3 + size;
                    break;
                case 7: case 8: case 16: case 19: case 20: // Class, String, MethodType, Module, Package
                    offset += 3;
                    break;
                case 15: // MethodHandle
                    offset += 4;
                    break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18: // 4-byte constants, refs, NameAndType, dynamic
                    offset += 5;
                    break;
                case 5: case 6: // Long, Double: two entries
                    offset += 9;
                    i++;
                    break;
                default:
                    throw new IllegalArgumentException("unknown constant pool tag " + tag + " at " + offset);
            }
            if (offset > length) {
                throw new IllegalArgumentException("truncated class file");
            }
        }
        return offset;
    }

    /** The dotted name of the class entry at {@code index}. */
    private static String className(byte[] b, int[] offsets, int count, Scratch scratch, int index) {
        if (index <= 0 || index >= count || b[offsets[index]] != 7) {
            throw new IllegalArgumentException("bad class entry " + index);
        }
        int utf8 = readUnsignedShort(b, offsets[index] + 1);
        if (utf8 <= 0 || utf8 >= count || b[offsets[utf8]] != 1) {
            throw new IllegalArgumentException("bad class name entry " + utf8);
        }
        int start = offsets[utf8] + 3;
        int size = readUnsignedShort(b, offsets[utf8] + 1);
        if (scratch.chars.length < size) {
            scratch.chars = new char[size];
        }
        char[] chars = scratch.chars;
        int n = 0;
        for (int i = start; i < start + size; ) { // modified UTF-8 (JVMS 4.4.7): one to three bytes a char
            int c = b[i++] & 0xFF;
            if (c >= 0xE0) {
                c = (c & 0x0F) << 12 | (b[i++] & 0x3F) << 6 | (b[i++] & 0x3F);
            } else if (c >= 0x80) {
                c = (c & 0x1F) << 6 | (b[i++] & 0x3F);
            }
            chars[n++] = c == '/' ? '.' : (char) c;
        }
        return new String(chars, 0, n);
    }

    private static int readUnsignedShort(byte[] b, int offset) {
        return (b[offset] & 0xFF) << 8 | (b[offset + 1] & 0xFF);
    }

    private static int readInt(byte[] b, int offset) {
        return readUnsignedShort(b, offset) << 16 | readUnsignedShort(b, offset + 2);
    }

    private static boolean equalAt(byte[] b, int offset, byte[] wanted) {
        for (int i = 0; i < wanted.length; i++) {
            if (b[offset + i] != wanted[i]) {
                return false;
            }
        }
        return true;
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

    /** The loaded class described, or null when described from a class file. */
    Class<?> loaded() {
        return loaded;
    }

    /**
     * Whether the constant pool holds one of these UTF-8 entries (e.g. an annotation's descriptor),
     * compared byte by byte without decoding. False when there is no class file to look into
     * (a class generated at run time, or a header read for its names only).
     */
    boolean mentions(byte[][] utf8Entries) {
        if (classFile == null && loaded != null) {
            classFile = read(loaded.getClassLoader(), name);
        }
        if (classFile == null || classFile.length < 10) {
            return false;
        }
        try {
            return walkPool(classFile, classFile.length, readUnsignedShort(classFile, 8), null, utf8Entries) == -1;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return false;
        }
    }
}
