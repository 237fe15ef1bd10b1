package io.gridledger.api.report;

import io.gridledger.api.problem.NotAcceptableException;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Locale;

/** The representations a report is offered in, chosen by the {@code Accept} header (JSON by default). */
public enum ReportFormat {
    JSON(MediaType.APPLICATION_JSON),
    CSV(MediaType.parseMediaType("text/csv;charset=UTF-8")),
    PDF(MediaType.APPLICATION_PDF);

    private final MediaType mediaType;

    ReportFormat(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    /** The first format the client accepts, by quality; {@code application/json} when it accepts anything. */
    public static ReportFormat negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        List<MediaType> wanted;
        try {
            wanted = MediaType.parseMediaTypes(accept);
        } catch (IllegalArgumentException e) {
            throw new NotAcceptableException("Accept header '" + accept + "' cannot be read");
        }
        MediaType.sortBySpecificityAndQuality(wanted);
        for (MediaType m : wanted) {
            for (ReportFormat f : values()) {
                if (m.includes(f.mediaType) && !(m.isWildcardType() && f != JSON)) {
                    return f;
                }
            }
        }
        throw new NotAcceptableException("this report is offered as application/json, text/csv or application/pdf, "
                + "not " + accept.toLowerCase(Locale.ROOT));
    }
}
