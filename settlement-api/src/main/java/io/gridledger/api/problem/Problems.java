package io.gridledger.api.problem;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The one shape of every error answer ({@code application/problem+json}): type, title, status,
 * detail, and the {@code field} at fault with an {@code errors} list naming it — whether the error
 * comes from a controller or from the security filters in front of them.
 */
public final class Problems {

    private static final String TYPE_BASE = "https://gridledger.io/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String type, String title, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        if (field != null) {
            problem.setProperty("field", field);
            problem.setProperty("errors", List.of(Map.of("field", field, "message", detail)));
        }
        return problem;
    }
}
