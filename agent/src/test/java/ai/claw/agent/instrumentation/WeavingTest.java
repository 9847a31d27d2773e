package ai.claw.agent.instrumentation;

import ai.claw.agent.api.TrackAiResponse;
import ai.claw.agent.instrumentation.annotation.AnnotationInstrumentation;
import ai.claw.agent.instrumentation.jdbc.JdbcInstrumentation;
import ai.claw.agent.instrumentation.jedis.JedisInstrumentation;
import ai.claw.agent.instrumentation.lettuce.LettuceInstrumentation;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.TypeResolutionStrategy;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Transformer#weave} hands ASM's reader straight to the advice visitors; the classes it
 * writes must be the very bytes {@code ByteBuddy.decorate(...).visit(...).make()} wrote, which
 * this compares class by class for real library classes and each kind of instrumentation.
 */
class WeavingTest {

    /** A driver's prepared statement, reduced to what the JDBC advice weaves into. */
    abstract static class DriverStatement implements PreparedStatement {
        @Override
        public ResultSet executeQuery() {
            return null;
        }

        @Override
        public int executeUpdate(String sql) {
            return sql.length();
        }

        @Override
        public void close() {
        }
    }

    static final class Annotated {
        @TrackAiResponse(model = "m")
        String answer(String question) {
            return question;
        }

        String unannotated() {
            return "";
        }
    }

    @Test
    void writesWhatByteBuddysDecorationWrote() {
        assertSameAsDecoration(new JdbcInstrumentation(), DriverStatement.class.getName());
        assertSameAsDecoration(new JedisInstrumentation(), "redis.clients.jedis.Connection");
        assertSameAsDecoration(new LettuceInstrumentation(), "io.lettuce.core.RedisChannelHandler");
        assertSameAsDecoration(new AnnotationInstrumentation(), Annotated.class.getName());
    }

    private static void assertSameAsDecoration(Instrumentation instrumentation, String name) {
        ClassLoader loader = WeavingTest.class.getClassLoader();
        byte[] classFile = ClassHeader.read(loader, name);
        assertNotNull(classFile, name);
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(name, classFile), ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = TypePool.Default.of(locator);
        TypeDescription type = pool.describe(name).resolve();
        assertTrue(instrumentation.typeMatcher().matches(type), name);
        List<AsmVisitorWrapper> advice = new ArrayList<>();
        instrumentation.transform(type, advice);
        AsmVisitorWrapper all = new AsmVisitorWrapper.Compound(advice);

        byte[] decorated = new ByteBuddy()
                .with(TypeValidation.DISABLED)
                .with(Implementation.Context.Disabled.Factory.INSTANCE)
                .decorate(type, locator)
                .visit(all)
                .make(TypeResolutionStrategy.Disabled.INSTANCE, pool)
                .getBytes();
        byte[] woven = Transformer.weave(type, classFile, pool, all);

        assertFalse(Arrays.equals(classFile, woven), name + " was woven");
        assertArrayEquals(decorated, woven, name);
    }
}
