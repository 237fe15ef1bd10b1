package io.gridledger.api;

import io.gridledger.api.payment.WebhookSignature;
import io.gridledger.testsupport.TestClock;
import io.gridledger.testsupport.TimeSensitive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Money in from payment providers: a signed webhook credits once; a wrong, changed, stale or
 * missing signature is refused and changes nothing; a replayed event id credits nothing twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TimeSensitive
class PaymentWebhookTest {

    private static final byte[] SECRET = "demo-payment-webhook-secret".getBytes(StandardCharsets.UTF_8);
    private static final String PATH = "/api/v1/payments/webhook";

    @Autowired
    TestRestTemplate rest;
    ApiClient api;
    String meter;

    @BeforeEach
    void setUp() {
        api = new ApiClient(rest);
        meter = "pay-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put("/api/v1/tariffs/pay-tou", ApiClient.TOU_TARIFF).status()).isIn(200, 201);
        assertThat(api.post("/api/v1/meters", """
                {"meterId":"%s","customerId":"c","tariffId":"pay-tou","timezone":"Europe/Amsterdam",
                 "friendlyCredit":{"weekly":[]}}""".formatted(meter)).status()).isEqualTo(201);
    }

    @Test
    void aSignedPaymentIsCreditedOnceHoweverOftenItArrives() {
        String body = event("evt-" + meter, "psp-" + meter, "20.00");
        ApiClient.Response first = send(body, WebhookSignature.sign(SECRET, TestClock.now(), bytes(body)));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().path("credited").asBoolean()).isTrue();
        assertThat(balance()).isEqualTo("20.0000");

        ApiClient.Response again = send(body, WebhookSignature.sign(SECRET, TestClock.now(), bytes(body)));
        assertThat(again.status()).as("the provider retried the same event").isEqualTo(200);
        assertThat(again.body().path("duplicate").asBoolean()).isTrue();

        String otherEvent = event("evt2-" + meter, "psp-" + meter, "20.00");
        ApiClient.Response samePayment = send(otherEvent, WebhookSignature.sign(SECRET, TestClock.now(), bytes(otherEvent)));
        assertThat(samePayment.status()).as("another event for the same payment").isEqualTo(200);
        assertThat(samePayment.body().path("credited").asBoolean()).isFalse();
        assertThat(balance()).isEqualTo("20.0000");
    }

    @Test
    void aWrongChangedStaleOrMissingSignatureChangesNothing() {
        String body = event("evt-bad-" + meter, "psp-bad-" + meter, "20.00");
        String good = WebhookSignature.sign(SECRET, TestClock.now(), bytes(body));

        ApiClient.Response wrongSecret = send(body, WebhookSignature.sign("guess".getBytes(StandardCharsets.UTF_8),
                TestClock.now(), bytes(body)));
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.body().path("field").asText()).isEqualTo(WebhookSignature.HEADER);
        assertThat(wrongSecret.contentType()).startsWith("application/problem+json");

        assertThat(send(body.replace("20.00", "90.00"), good).status()).as("one changed byte").isEqualTo(401);
        assertThat(send(body, WebhookSignature.sign(SECRET, TestClock.now().minus(Duration.ofMinutes(10)), bytes(body)))
                .status()).as("outside the 5-minute tolerance").isEqualTo(401);
        assertThat(api.post(PATH, body).status()).as("no signature").isEqualTo(401);
        assertThat(send(body, "t=abc,v1=zz").status()).isEqualTo(401);
        assertThat(balance()).isEqualTo("0.0000");

        String malformed = "{\"eventId\":\"e\",\"meterId\":\"" + meter + "\",\"amount\":{\"amount\":\"-5\",\"currency\":\"EUR\"},"
                + "\"paymentId\":\"p\"}";
        ApiClient.Response bad = send(malformed, WebhookSignature.sign(SECRET, TestClock.now(), bytes(malformed)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("field").asText()).isEqualTo("amount.amount");
        assertThat(balance()).isEqualTo("0.0000");
    }

    private ApiClient.Response send(String body, String signature) {
        return api.post(PATH, body, WebhookSignature.HEADER, signature);
    }

    private String event(String eventId, String paymentId, String amount) {
        return """
                {"eventId":"%s","meterId":"%s","paymentId":"%s","amount":{"amount":"%s","currency":"EUR"}}"""
                .formatted(eventId, meter, paymentId, amount);
    }

    private String balance() {
        return api.get("/api/v1/meters/" + meter).body().at("/balance/amount").asText();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
