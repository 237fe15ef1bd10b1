package io.gridledger.api.customer;

import io.gridledger.api.audit.Audited;
import io.gridledger.api.input.Fields;
import io.gridledger.api.problem.ConflictException;
import io.gridledger.api.problem.InvalidRequestException;
import io.gridledger.api.problem.NotFoundException;
import io.gridledger.api.security.Caller;
import io.gridledger.ledger.value.CustomerId;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Customers' personal data (name, address, phone, e-mail), outside the event store, and its erasure.
 * An operator records it for a customer of their retailer; the customer reads their own.
 */
@RestController
@RequestMapping("/api/v1/customers")
public class CustomerController {

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{2,39}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    /** What an operator may set: personal fields only; the retailer is the operator's own. */
    public record ProfileRequest(String name, String address, String phone, String email) {
    }

    public record ProfileResponse(String customerId, String name, String address, String phone, String email,
                                  boolean erased, Instant erasedAt) {

        static ProfileResponse of(CustomerProfiles.Profile p) {
            return new ProfileResponse(p.customerId(), p.name(), p.address(), p.phone(), p.email(),
                    p.erasedAt() != null, p.erasedAt());
        }
    }

    public record ErasureResponse(String customerId, Instant erasedAt) {
    }

    private final CustomerProfiles profiles;
    private final Clock clock;

    public CustomerController(CustomerProfiles profiles, Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
    }

    @PutMapping("/{customerId}")
    @Audited("CUSTOMER_PROFILE_CHANGE")
    public ResponseEntity<ProfileResponse> put(@PathVariable String customerId, @RequestBody ProfileRequest body) {
        String id = Fields.value(customerId, "customerId", CustomerId::new).value();
        Fields.required(body, "body");
        String name = text(body.name(), "name", 200, true);
        String address = text(body.address(), "address", 500, false);
        String phone = text(body.phone(), "phone", 40, false);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw new InvalidRequestException("phone", "phone must be digits, spaces, ( ) and - with an optional leading +");
        }
        String email = text(body.email(), "email", 254, false);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new InvalidRequestException("email", "email must be an e-mail address");
        }
        boolean created = profiles.find(id).isEmpty();
        if (!profiles.save(id, Caller.current().retailerId(), name, address, phone, email, clock.instant())) {
            throw new ConflictException("customer-erased", "Customer erased", "customerId",
                    "customer '" + id + "' was erased; their personal data is not taken in again");
        }
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(ProfileResponse.of(profiles.find(id).orElseThrow()));
    }

    @GetMapping("/{customerId}")
    public ProfileResponse get(@PathVariable String customerId) {
        return profiles.find(customerId).map(ProfileResponse::of)
                .orElseThrow(() -> new NotFoundException("customerId", "no personal data recorded for '" + customerId + "'"));
    }

    @PostMapping("/{customerId}/erasure")
    @Audited("CUSTOMER_ERASURE")
    public ErasureResponse erase(@PathVariable String customerId) {
        return profiles.erase(customerId, clock.instant())
                .map(at -> new ErasureResponse(customerId, at))
                .orElseThrow(() -> new NotFoundException("customerId", "no personal data recorded for '" + customerId + "'"));
    }

    private static String text(String value, String field, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidRequestException(field, field + " is required");
            }
            return null;
        }
        return Fields.text(value, field, max).strip();
    }
}
