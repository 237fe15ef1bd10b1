package io.gridledger.api.tariff;

import io.gridledger.api.audit.Audited;
import io.gridledger.api.input.Fields;
import io.gridledger.api.security.Caller;
import io.gridledger.api.problem.NotFoundException;
import io.gridledger.ledger.tariff.DefineTariffVersion;
import io.gridledger.ledger.tariff.TariffBook;
import io.gridledger.ledger.tariff.TariffVersionOutcome;
import io.gridledger.ledger.value.TariffId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/** Versioned tariffs: PUT adds a version (201), an identical PUT changes nothing (200). */
@RestController
@RequestMapping("/api/v1/tariffs")
public class TariffController {

    private final CommandGateway commands;
    private final TariffBook tariffs;
    private final Clock clock;

    public TariffController(CommandGateway commands, TariffBook tariffs, Clock clock) {
        this.commands = commands;
        this.tariffs = tariffs;
        this.clock = clock;
    }

    @PutMapping("/{tariffId}")
    @Audited("TARIFF_CHANGE")
    public ResponseEntity<TariffResponse> define(@PathVariable String tariffId, @RequestBody TariffDocument body) {
        TariffId id = Fields.value(tariffId, "tariffId", TariffId::new);
        Fields.required(body, "body");
        TariffVersionOutcome outcome = commands.sendAndWait(
                new DefineTariffVersion(id, body.toDefinition(), clock.instant(),
                        Caller.current().requireRetailer()));
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(TariffResponse.of(tariffs.find(id).orElseThrow()));
    }

    @GetMapping("/{tariffId}")
    public TariffResponse get(@PathVariable String tariffId) {
        TariffId id = Fields.value(tariffId, "tariffId", TariffId::new);
        return tariffs.find(id).map(TariffResponse::of)
                .orElseThrow(() -> new NotFoundException("tariffId", "tariff '" + tariffId + "' is not defined"));
    }
}
