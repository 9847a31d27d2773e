package ai.claw.agent.instrumentation.servlet;

import ai.claw.agent.bootstrap.HttpFacade;
import net.bytebuddy.asm.Advice;

import javax.servlet.AsyncListener;
import javax.servlet.DispatcherType;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Inlined into every {@code Servlet.service(ServletRequest, ServletResponse)} and
 * {@code Filter.doFilter(ServletRequest, ServletResponse, FilterChain)}. Written against
 * {@code javax.servlet}; {@link ServletInstrumentation} renames it to {@code jakarta.servlet}
 * for Servlet 5+. Only the outermost call of a REQUEST dispatch records, so filter chains,
 * forwards, includes, async re-dispatches and the container's error-page dispatch count nothing
 * more.
 */
public final class ServletAdvice {

    /** Spring MVC's {@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE} (a compile-time constant, inlined). */
    static final String SPRING_ROUTE = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

    private ServletAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.Argument(0) Object request) {
        if (request instanceof HttpServletRequest
                && ((HttpServletRequest) request).getDispatcherType() == DispatcherType.REQUEST) {
            return HttpFacade.enter();
        }
        return 0L;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter long start,
                            @Advice.Argument(0) Object req,
                            @Advice.Argument(1) Object res,
                            @Advice.Thrown Throwable thrown) {
        if (start == 0L) {
            return;
        }
        HttpFacade.leave();
        HttpServletRequest request = (HttpServletRequest) req;
        Object route = request.getAttribute(SPRING_ROUTE);
        if (thrown == null && request.isAsyncStarted()) {
            Object listener = HttpFacade.asyncListener(AsyncListener.class, start, request.getMethod(),
                    request.getRequestURI(), route, res);
            if (listener != null) {
                request.getAsyncContext().addListener((AsyncListener) listener);
                return;
            }
        }
        int status = thrown != null ? 500 : ((HttpServletResponse) res).getStatus();
        HttpFacade.finished(start, request.getMethod(), request.getRequestURI(), route, status, res);
    }
}
