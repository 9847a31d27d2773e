package ai.claw.agent.instrumentation;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Which classes an instrumentation may transform, decided from a class's header and its super
 * types' names ({@link ClassHeader}, {@link SuperTypes}) before ByteBuddy describes it: most
 * classes an application loads are rejected here, in microseconds.
 */
public final class TypeFilter {

    private enum Kind { NAMED, SUB_TYPE, MENTIONING }

    private final Kind kind;
    private final Set<String> names;
    private final byte[][] descriptors;
    private final boolean classesOnly;

    private TypeFilter(Kind kind, String[] names, boolean classesOnly) {
        this.kind = kind;
        this.names = new HashSet<>(Arrays.asList(names));
        this.descriptors = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            descriptors[i] = ("L" + names[i].replace('.', '/') + ";").getBytes(StandardCharsets.UTF_8);
        }
        this.classesOnly = classesOnly;
    }

    /** The class with one of these names. */
    public static TypeFilter named(String... names) {
        return new TypeFilter(Kind.NAMED, names, false);
    }

    /** A class or interface that is, extends or implements (transitively) a type with one of these names. */
    public static TypeFilter subTypeOf(String... names) {
        return new TypeFilter(Kind.SUB_TYPE, names, false);
    }

    /**
     * A class whose constant pool mentions one of these types as a descriptor, as any class does
     * that carries one of these annotations (confirm with {@link Instrumentation#typeMatcher()}).
     */
    public static TypeFilter mentioning(String... names) {
        return new TypeFilter(Kind.MENTIONING, names, false);
    }

    /** The same, for classes only, never interfaces. */
    public TypeFilter classesOnly() {
        return new TypeFilter(kind, names.toArray(new String[0]), true);
    }

    boolean matches(ClassHeader type, ClassLoader loader) {
        if (classesOnly && type.isInterface()) {
            return false;
        }
        switch (kind) {
            case NAMED:
                return names.contains(type.name());
            case MENTIONING:
                return type.mentions(descriptors);
            default:
                for (String name : SuperTypes.of(loader, type)) {
                    if (names.contains(name)) {
                        return true;
                    }
                }
                return false;
        }
    }
}
