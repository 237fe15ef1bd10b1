package io.gridledger.api.device;

import io.gridledger.api.security.Caller;
import io.gridledger.projections.balance.BalanceQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The relay requests the ledger is waiting on, for a head-end that runs as its own process near the
 * meters: it polls this list and switches the meters it serves. {@code nextAttemptAt} moves on with
 * every retry, which tells the head-end to send the command again.
 */
@RestController
public class RelayRequestsController {

    public record RelayRequests(List<BalanceQueries.PendingRelay> requests) {
    }

    private final BalanceQueries balances;

    public RelayRequestsController(BalanceQueries balances) {
        this.balances = balances;
    }

    /** The requests for the meters of the calling head-end's retailer. */
    @GetMapping("/api/v1/relay-requests")
    public RelayRequests pending() {
        return new RelayRequests(balances.pendingRelayRequests(Caller.current().retailerId()));
    }
}
