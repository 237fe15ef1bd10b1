package io.gridledger.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.gridledger.api.payment.WebhookSignature;
import io.gridledger.ledger.account.EmergencyCreditUnavailableException;
import io.gridledger.ledger.account.InvalidAccountCommandException;
import io.gridledger.ledger.account.PaymentConflictException;
import io.gridledger.ledger.account.UnknownTariffException;
import io.gridledger.ledger.community.CommunityOfAnotherRetailerException;
import io.gridledger.ledger.community.MembershipConflictException;
import io.gridledger.ledger.market.GateClosedException;
import io.gridledger.ledger.market.InvalidMarketOrderException;
import io.gridledger.ledger.tariff.InvalidTariffException;
import io.gridledger.ledger.tariff.TariffOfAnotherRetailerException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;

/**
 * Every error as {@code application/problem+json}. A 4xx names the field at fault ({@code field})
 * and says what to do; nothing was changed by the request.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage(), e.field());
    }

    @ExceptionHandler(InvalidTariffException.class)
    ResponseEntity<Object> invalidTariff(InvalidTariffException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-tariff", "Invalid tariff", e.reason(), e.field());
    }

    @ExceptionHandler(InvalidAccountCommandException.class)
    ResponseEntity<Object> invalidAccountCommand(InvalidAccountCommandException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage(), e.field());
    }

    @ExceptionHandler(WebhookSignature.Refused.class)
    ResponseEntity<Object> webhookSignature(WebhookSignature.Refused e) {
        return problem(HttpStatus.UNAUTHORIZED, "webhook-signature", "Webhook signature refused", e.getMessage(),
                WebhookSignature.HEADER);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage(), e.field());
    }

    @ExceptionHandler(NotAcceptableException.class)
    ResponseEntity<Object> notAcceptable(NotAcceptableException e) {
        return problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable", e.getMessage(), "Accept");
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, e.type(), e.title(), e.getMessage(), e.field());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> aggregateNotFound(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "no meter account '" + e.getAggregateIdentifier() + "'; open it with POST /api/v1/meters", "meterId");
    }

    @ExceptionHandler(UnknownTariffException.class)
    ResponseEntity<Object> unknownTariff(UnknownTariffException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Unknown tariff", e.getMessage(), "tariffId");
    }

    @ExceptionHandler(TariffOfAnotherRetailerException.class)
    ResponseEntity<Object> tariffOfAnotherRetailer(TariffOfAnotherRetailerException e) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage(), "tariffId");
    }

    @ExceptionHandler(InvalidMarketOrderException.class)
    ResponseEntity<Object> invalidMarketOrder(InvalidMarketOrderException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage(), e.field());
    }

    @ExceptionHandler(GateClosedException.class)
    ResponseEntity<Object> gateClosed(GateClosedException e) {
        return problem(HttpStatus.CONFLICT, "gate-closed", "Gate closed", e.getMessage(), "intervalStart");
    }

    @ExceptionHandler(MembershipConflictException.class)
    ResponseEntity<Object> membershipConflict(MembershipConflictException e) {
        return problem(HttpStatus.CONFLICT, "membership-conflict", "Membership conflict", e.getMessage(), e.field());
    }

    @ExceptionHandler(CommunityOfAnotherRetailerException.class)
    ResponseEntity<Object> communityOfAnotherRetailer(CommunityOfAnotherRetailerException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage(), "communityId");
    }

    @ExceptionHandler(PaymentConflictException.class)
    ResponseEntity<Object> paymentConflict(PaymentConflictException e) {
        return problem(HttpStatus.CONFLICT, "payment-conflict", "Payment id already used", e.getMessage(),
                "paymentId");
    }

    @ExceptionHandler(EmergencyCreditUnavailableException.class)
    ResponseEntity<Object> emergencyCredit(EmergencyCreditUnavailableException e) {
        return problem(HttpStatus.CONFLICT, "emergency-credit-unavailable", "Emergency credit unavailable",
                e.getMessage(), null);
    }

    @ExceptionHandler(AccountAlreadyOpenedException.class)
    ResponseEntity<Object> alreadyOpened(AccountAlreadyOpenedException e) {
        return problem(HttpStatus.CONFLICT, "account-exists", "Account already exists", e.getMessage(), "meterId");
    }

    @ExceptionHandler({AggregateStreamCreationException.class, ConcurrencyException.class})
    ResponseEntity<Object> concurrentChange(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, "concurrent-change", "Concurrent change",
                "the account was changed at the same time by another request; retry", null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "'" + e.getValue() + "' is not a valid " + e.getName(), e.getName());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Throwable cause = ex.getMostSpecificCause();
        if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping.getPath());
            Throwable root = mapping.getCause() != null ? mapping.getCause() : mapping;
            String reason = root instanceof IllegalArgumentException || root instanceof java.time.DateTimeException
                    ? root.getMessage() : "has the wrong type or format";
            return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", field + " " + reason, field);
        }
        String detail = ex.getCause() instanceof JsonProcessingException json
                ? "malformed JSON: " + json.getOriginalMessage()
                : "the request body is missing or unreadable: " + cause.getMessage();
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail, "body");
    }

    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String type, String title, String detail,
                                                  String field) {
        ProblemDetail problem = Problems.of(status, type, title, detail, field);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

}
