package io.gridledger.api.security;

/**
 * What a caller is. People: consumers (their own meters), operators (their retailer's meters),
 * regulators (settlement runs across retailers, read-only), administrators (read everything, audit,
 * erase personal data). Machines: devices (meters and head-ends of one retailer) and payment
 * providers (top-ups for one retailer).
 */
public enum Role {
    CONSUMER, OPERATOR, REGULATOR, ADMIN, DEVICE, PAYMENT_PROVIDER;

    public String authority() {
        return "ROLE_" + name();
    }
}
