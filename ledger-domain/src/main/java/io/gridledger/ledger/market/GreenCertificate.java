package io.gridledger.ledger.market;

import io.gridledger.ledger.value.MeterId;

import java.time.Instant;
import java.util.Objects;

/**
 * A certificate of origin for {@code wh} of renewable energy produced by {@code sourceMeter} in
 * {@code [periodStart, periodEnd)}: the fields of a guarantee of origin (EN 16325: source,
 * technology, production period, volume, issue and cancellation dates). A traded certificate names
 * the trade it came with and is retired to the buyer ({@code owner}) on settlement; an export
 * certificate stays with its producer. Ids are unique and a Wh is certified at most once.
 */
public record GreenCertificate(String certificateId, MeterId sourceMeter, String technology, Instant periodStart,
                               Instant periodEnd, long wh, MeterId owner, CertificateStatus status, Instant issuedAt,
                               Instant retiredAt, String tradeId) {

    /** The only production technology of community members today: rooftop or ground PV. */
    public static final String SOLAR_PV = "SOLAR_PV";

    public GreenCertificate {
        Objects.requireNonNull(certificateId, "certificateId");
        Objects.requireNonNull(sourceMeter, "sourceMeter");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(status, "status");
        if (wh <= 0) {
            throw new IllegalArgumentException("a certificate is for energy");
        }
    }
}
