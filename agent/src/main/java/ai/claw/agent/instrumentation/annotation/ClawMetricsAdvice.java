package ai.claw.agent.instrumentation.annotation;

import ai.claw.agent.bootstrap.AiFacade;
import net.bytebuddy.asm.Advice;

/** Inlined into the static methods of {@code ai.claw.agent.api.ClawMetrics}. */
public final class ClawMetricsAdvice {

    private ClawMetricsAdvice() {
    }

    /** {@code trackConversation(status)}. */
    public static final class Conversation {
        private Conversation() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) String status) {
            AiFacade.conversation(status);
        }
    }

    /** {@code trackMessage(role)}. */
    public static final class Message {
        private Message() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) String role) {
            AiFacade.message(role);
        }
    }

    /** {@code trackTokens(model, prompt, completion)}; negative counts are ignored by the recorder. */
    public static final class Tokens {
        private Tokens() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) String model, @Advice.Argument(1) long prompt,
                                 @Advice.Argument(2) long completion) {
            AiFacade.tokens(model, prompt, completion);
        }
    }
}
