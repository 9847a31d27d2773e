package ai.claw.agent.instrumentation.ai;

import ai.claw.agent.instrumentation.Advices;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.NullConstant;
import net.bytebuddy.implementation.bytecode.constant.TextConstant;

import net.bytebuddy.matcher.ElementMatcher;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.returns;

/**
 * Advice for AI instrumentations, with values worked out once per instrumented method when the
 * class is transformed (never per call): {@link Label} (an annotation's property such as
 * {@code @TrackAiResponse(model)}, or an operation name derived from the method name),
 * {@link ModelArgument} (the {@code @AiModel} parameter) and {@link Client} (the caller id).
 */
public final class AiAdvices {

    /** The method's label, from {@link LabelSource}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    public @interface Label {
    }

    /** The instrumented method's {@code String} parameter marked {@code @AiModel}, or null. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    public @interface ModelArgument {
    }

    /** The {@code AiFacade} caller id of the instrumentation. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    public @interface Client {
    }

    /** Works out a method's label when its class is transformed. */
    public interface LabelSource {
        String label(MethodDescription method);
    }

    static final String AI_MODEL = "ai.claw.agent.api.AiModel";

    private AiAdvices() {
    }

    /** Advice with {@link Label}, {@link ModelArgument} and {@link Client} bound; failures go to the agent's health. */
    public static Advice to(Class<?> adviceClass, final LabelSource label, int client) {
        return Advice.withCustomMapping()
                .bind(Label.class, new Advice.OffsetMapping() {
                    @Override
                    public Target resolve(TypeDescription instrumentedType, MethodDescription instrumentedMethod,
                                          Assigner assigner, Advice.ArgumentHandler argumentHandler, Sort sort) {
                        String value = label == null ? null : label.label(instrumentedMethod);
                        return new Target.ForStackManipulation(value == null ? NullConstant.INSTANCE : new TextConstant(value));
                    }
                })
                .bind(ModelArgument.class, new Advice.OffsetMapping() {
                    @Override
                    public Target resolve(TypeDescription instrumentedType, MethodDescription instrumentedMethod,
                                          Assigner assigner, Advice.ArgumentHandler argumentHandler, Sort sort) {
                        for (ParameterDescription p : instrumentedMethod.getParameters()) {
                            if (p.getType().asErasure().represents(String.class) && hasAnnotation(p, AI_MODEL)) {
                                return new Target.ForVariable.ReadOnly(p.getType(), argumentHandler.argument(p.getOffset()));
                            }
                        }
                        return new Target.ForStackManipulation(NullConstant.INSTANCE);
                    }
                })
                .bind(Client.class, (Object) client)
                .to(adviceClass)
                .withExceptionHandler(Advices.toAgentHealth());
    }

    /** By name: the API jar's classes are never loaded by the agent. */
    private static boolean hasAnnotation(ParameterDescription p, String annotationType) {
        for (AnnotationDescription a : p.getDeclaredAnnotations()) {
            if (a.getAnnotationType().getName().equals(annotationType)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Methods whose declared return type can hold a wrapped {@code Mono}/{@code Flux}: those
     * types themselves, {@code Publisher}, {@code CorePublisher} and {@code Object}. Other
     * methods keep their result untouched.
     */
    public static ElementMatcher.Junction<MethodDescription> returnsReactive() {
        return returns(namedOneOf("reactor.core.publisher.Mono", "reactor.core.publisher.Flux",
                "org.reactivestreams.Publisher", "reactor.core.CorePublisher", "java.lang.Object"));
    }

    /** A label read from the instrumented method's annotation {@code annotationType}, property {@code property}. */
    public static LabelSource annotationProperty(final String annotationType, final String property, final String fallback) {
        return new LabelSource() {
            @Override
            public String label(MethodDescription method) {
                for (AnnotationDescription a : method.getDeclaredAnnotations()) {
                    if (a.getAnnotationType().getName().equals(annotationType)) {
                        try {
                            Object value = a.getValue(property).resolve();
                            if (value instanceof String && !((String) value).isEmpty()) {
                                return (String) value;
                            }
                        } catch (RuntimeException e) {
                            // a default we cannot resolve: the fallback below
                        }
                    }
                }
                return fallback;
            }
        };
    }
}
