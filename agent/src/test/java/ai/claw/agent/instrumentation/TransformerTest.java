package ai.claw.agent.instrumentation;

import ai.claw.agent.metrics.AgentMetrics;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransformerTest {

    /** Asks nothing of ByteBuddy: counts how often its matchers are asked for, and matches nothing. */
    static final class Counting implements Instrumentation {
        final AtomicInteger loaderMatchers = new AtomicInteger();
        final AtomicInteger loaderChecks = new AtomicInteger();
        final AtomicInteger filters = new AtomicInteger();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public ElementMatcher<ClassLoader> classLoaderMatcher() {
            loaderMatchers.incrementAndGet();
            return loader -> loaderChecks.incrementAndGet() > 0;
        }

        @Override
        public TypeFilter types() {
            filters.incrementAndGet();
            return TypeFilter.named("no.Such");
        }

        @Override
        public void transform(TypeDescription type, List<AsmVisitorWrapper> advice) {
            throw new AssertionError("nothing matches");
        }

        @Override
        public void start(AgentMetrics metrics) {
        }
    }

    @Test
    void asksEachInstrumentationForItsMatchersOnceNotPerClass() {
        // A matcher such as Advices.canSee caches per class loader what it found; asked per class,
        // every class paid a resource lookup per instrumentation (seconds on a Spring Boot jar).
        Counting counting = new Counting();
        Transformer transformer = new Transformer(Collections.<Instrumentation>singletonList(counting), new AgentMetrics(10, "test"));
        byte[] classFile = ClassHeader.read(getClass().getClassLoader(), TransformerTest.class.getName());
        for (int i = 0; i < 3; i++) {
            assertNull(transformer.transform(getClass().getClassLoader(), "ai/claw/it/SomeClass", null, null, classFile));
        }
        assertEquals(1, counting.loaderMatchers.get());
        assertEquals(1, counting.filters.get());
        assertEquals(3, counting.loaderChecks.get(), "the one matcher is asked for each class");
    }

    @Test
    void rejectsTheBootstrapLoaderAndIgnoredNamesBeforeAskingAnything() {
        Counting counting = new Counting();
        Transformer transformer = new Transformer(Collections.<Instrumentation>singletonList(counting), new AgentMetrics(10, "test"));
        byte[] classFile = ClassHeader.read(getClass().getClassLoader(), TransformerTest.class.getName());
        assertNull(transformer.transform(null, "ai/claw/it/SomeClass", null, null, classFile));
        assertNull(transformer.transform(getClass().getClassLoader(), "org/springframework/core/Foo", null, null, classFile));
        assertEquals(0, counting.loaderChecks.get());
        assertTrue(Transformer.ignored("java/lang/String"));
        assertTrue(Transformer.ignored("ai/claw/agent/instrumentation/Advices"));
        assertFalse(Transformer.ignored("ai/claw/agent/api/TrackAiResponse"), "the API's annotations are matched on application classes");
        assertFalse(Transformer.ignored("org/apache/catalina/servlets/DefaultServlet"));
    }
}
