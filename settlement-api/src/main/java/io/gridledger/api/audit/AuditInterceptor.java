package io.gridledger.api.audit;

import io.gridledger.api.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Records every call of an {@link Audited} endpoint once it has been answered, with its outcome. */
@Component
public class AuditInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    private final AuditTrail trail;

    public AuditInterceptor(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception failure) {
        if (!(handler instanceof HandlerMethod method)) {
            return;
        }
        Audited audited = method.getMethodAnnotation(Audited.class);
        if (audited == null) {
            return;
        }
        Caller.of(SecurityContextHolder.getContext().getAuthentication()).ifPresent(caller ->
                trail.record(caller, audited.value(), request.getMethod() + " " + request.getRequestURI(),
                        request.getHeader(AuditTrail.REASON_HEADER), outcome(response.getStatus(), failure)));
    }

    private static AuditTrail.Outcome outcome(int status, Exception failure) {
        if (failure != null || status >= 500) {
            return AuditTrail.Outcome.FAILED;
        }
        if (status == 401 || status == 403) {
            return AuditTrail.Outcome.DENIED;
        }
        return status >= 400 ? AuditTrail.Outcome.REFUSED : AuditTrail.Outcome.DONE;
    }
}
