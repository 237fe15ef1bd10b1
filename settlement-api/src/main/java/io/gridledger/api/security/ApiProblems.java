package io.gridledger.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridledger.api.audit.AuditTrail;
import jakarta.servlet.http.HttpServletResponse;
import io.gridledger.api.problem.Problems;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Security refusals as {@code application/problem+json} like every other error: 401 names the
 * {@code Authorization} header (with the standard {@code WWW-Authenticate: Bearer} challenge),
 * 403 says the caller may not do this to this object; 413 and 429 for size and rate. A refused
 * change is also written to the audit trail.
 */
@Component
public class ApiProblems {

    private final ObjectMapper json;
    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final AuditTrail audit;

    /** {@code json} is the application's mapper, which writes a problem's properties at top level as MVC does. */
    public ApiProblems(AuditTrail audit, ObjectMapper json) {
        this.audit = audit;
        this.json = json;
    }

    public AuthenticationEntryPoint unauthenticated() {
        return (request, response, failure) -> {
            bearer.commence(request, response, failure);
            write(response, 401, "unauthenticated", "Unauthenticated",
                    "send a valid bearer access token (POST /oauth2/token); " + failure.getMessage(), "Authorization");
        };
    }

    public AccessDeniedHandler denied() {
        return (request, response, failure) -> {
            if (!HttpMethod.GET.matches(request.getMethod())) {
                Caller.of(SecurityContextHolder.getContext().getAuthentication()).ifPresent(caller ->
                        audit.record(caller, "ACCESS_DENIED", request.getMethod() + " " + request.getRequestURI(),
                                request.getHeader(AuditTrail.REASON_HEADER), AuditTrail.Outcome.DENIED));
            }
            write(response, 403, "forbidden", "Forbidden",
                    "the caller's roles do not allow this on this object (own meters, own retailer only)",
                    "Authorization");
        };
    }

    void write(HttpServletResponse response, int status, String type, String title, String detail, String field)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(
                Problems.of(HttpStatusCode.valueOf(status), type, title, detail, field)));
    }
}
