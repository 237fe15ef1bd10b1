package io.gridledger.api.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gridledger.api.input.Fields;
import io.gridledger.api.input.MoneyJson;
import io.gridledger.api.problem.InvalidRequestException;
import io.gridledger.api.problem.NotFoundException;
import io.gridledger.ledger.account.TopUpReceipt;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.PaymentId;
import io.gridledger.projections.balance.BalanceQueries;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

/**
 * Top-ups from payment providers: {@code POST /api/v1/payments/webhook} with a JSON event
 * {@code {"eventId","meterId","paymentId","amount":{"amount","currency"},"paidAt"}} signed in
 * {@value WebhookSignature#HEADER} (see {@link WebhookSignature}). A bad, changed or stale signature
 * is a 401 and changes nothing; an event id seen before is acknowledged (200) and credited no
 * second time; a new one is credited once per payment id (201).
 */
@RestController
public class PaymentWebhookController {

    /** A payment provider's "payment succeeded" event. */
    public record PaymentSucceeded(String eventId, String meterId, String paymentId, MoneyJson amount, String paidAt) {
    }

    /** The acknowledgement: whether this delivery credited the account. */
    public record Acknowledged(String eventId, String paymentId, boolean credited, boolean duplicate,
                               MoneyJson balanceAfter) {
    }

    static final String DEMO_SECRET = "demo-payment-webhook-secret";
    private static final Logger log = LoggerFactory.getLogger(PaymentWebhookController.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private static final java.util.regex.Pattern EVENT_ID =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private final byte[] secret;
    private final TopUps topUps;
    private final BalanceQueries balances;
    private final JdbcTemplate jdbc;
    private final MeterRegistry metrics;
    private final Clock clock;

    public PaymentWebhookController(@Value("${gridledger.payments.webhook-secret}") String secret, TopUps topUps,
                                    BalanceQueries balances, JdbcTemplate jdbc, MeterRegistry metrics, Clock clock) {
        if (DEMO_SECRET.equals(secret)) {
            log.warn("event=demo_payment_webhook_secret action=\"set GRIDLEDGER_PAYMENT_WEBHOOK_SECRET to the secret "
                    + "agreed with the payment provider\"");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.topUps = topUps;
        this.balances = balances;
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.clock = clock;
    }

    @PostMapping(path = "/api/v1/payments/webhook", consumes = "application/json")
    public ResponseEntity<Acknowledged> paymentSucceeded(
            @RequestHeader(name = WebhookSignature.HEADER, required = false) String signature,
            @RequestBody byte[] body) {
        try {
            WebhookSignature.verify(secret, signature, body, clock.instant());
        } catch (WebhookSignature.Refused e) {
            metrics.counter("gridledger.payments.webhooks", "outcome", "refused").increment();
            throw e;
        }
        PaymentSucceeded event;
        try {
            event = JSON.readValue(body, PaymentSucceeded.class);
        } catch (java.io.IOException e) {
            throw new InvalidRequestException("body", "not a payment event: " + (e instanceof JsonProcessingException j
                    ? j.getOriginalMessage() : e.getMessage()));
        }
        Fields.required(event, "body");
        String eventId = Fields.required(event.eventId(), "eventId");
        if (!EVENT_ID.matcher(eventId).matches()) {
            throw new InvalidRequestException("eventId",
                    "the provider's event id is 1–128 letters, digits and . _ : - (starting with a letter or digit)");
        }
        MeterId meterId = Fields.value(event.meterId(), "meterId", MeterId::new);
        PaymentId paymentId = Fields.value(event.paymentId(), "paymentId", PaymentId::new);
        Money amount = Fields.money(event.amount(), "amount");
        if (!amount.isPositive()) {
            throw new InvalidRequestException("amount.amount", "a payment amount must be positive");
        }
        Instant paidAt = Fields.optionalInstant(event.paidAt(), "paidAt");
        if (balances.findBalance(meterId.value()).isEmpty()) {
            throw new NotFoundException("meterId", "no meter account '" + meterId.value() + "'");
        }
        if (Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM payment_webhook_event WHERE event_id = ?)", Boolean.class, eventId))) {
            metrics.counter("gridledger.payments.webhooks", "outcome", "duplicate").increment();
            return ResponseEntity.ok(new Acknowledged(eventId, paymentId.value(), false, true, null));
        }
        // credited first, recorded after: a crash in between is safe, the payment id is credited once
        TopUpReceipt receipt = topUps.credit(meterId, paymentId, amount, paidAt);
        jdbc.update("INSERT INTO payment_webhook_event (event_id, meter_id, payment_id, received_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", eventId, meterId.value(), paymentId.value(), Timestamp.from(clock.instant()));
        metrics.counter("gridledger.payments.webhooks", "outcome", receipt.repeated() ? "repeated" : "credited")
                .increment();
        return ResponseEntity.status(receipt.repeated() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new Acknowledged(eventId, paymentId.value(), !receipt.repeated(), false,
                        MoneyJson.of(receipt.balanceAfter())));
    }
}
