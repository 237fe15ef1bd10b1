package io.gridledger.api.audit;

import io.gridledger.api.input.Fields;
import io.gridledger.api.problem.InvalidRequestException;
import io.gridledger.api.security.Caller;
import io.gridledger.api.security.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The audit trail for auditors: administrators and regulators see every retailer's entries, an
 * operator those of their own retailer.
 */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

    public record AuditResponse(List<AuditTrail.Entry> entries) {
    }

    private final AuditTrail trail;
    private final Clock clock;

    public AuditController(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @GetMapping
    public AuditResponse entries(@RequestParam(required = false) String from,
                                 @RequestParam(required = false) String to,
                                 @RequestParam(defaultValue = "1000") int limit) {
        Instant end = to == null ? clock.instant().plusSeconds(1) : Fields.instant(to, "to");
        Instant start = from == null ? end.minus(Duration.ofDays(1)) : Fields.instant(from, "from");
        if (!start.isBefore(end)) {
            throw new InvalidRequestException("from", "from must be before to");
        }
        if (limit < 1 || limit > 10_000) {
            throw new InvalidRequestException("limit", "limit must be 1 to 10000");
        }
        Caller caller = Caller.current();
        String retailer = caller.has(Role.ADMIN) || caller.has(Role.REGULATOR) ? null
                : caller.requireRetailer().value();
        return new AuditResponse(trail.entries(start, end, retailer, limit));
    }
}
