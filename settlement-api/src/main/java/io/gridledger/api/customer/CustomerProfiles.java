package io.gridledger.api.customer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * Customers' personal data, kept outside the event store (events name a customer only by its
 * pseudonymous id). Erasure empties the personal fields for good; balances and settlement runs,
 * which never held them, are unchanged.
 */
@Component
public class CustomerProfiles {

    /** A customer's personal data; all fields are null once erased. */
    public record Profile(String customerId, String retailerId, String name, String address, String phone,
                          String email, Instant updatedAt, Instant erasedAt) {
    }

    private final JdbcTemplate jdbc;

    public CustomerProfiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> retailerOf(String customerId) {
        return jdbc.queryForList("SELECT retailer_id FROM customer_profile WHERE customer_id = ?", String.class,
                customerId).stream().findFirst();
    }

    public Optional<Profile> find(String customerId) {
        return jdbc.query("SELECT * FROM customer_profile WHERE customer_id = ?", (rs, n) -> new Profile(
                rs.getString("customer_id"), rs.getString("retailer_id"), rs.getString("name"),
                rs.getString("address"), rs.getString("phone"), rs.getString("email"),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getTimestamp("erased_at") == null ? null : rs.getTimestamp("erased_at").toInstant()),
                customerId).stream().findFirst();
    }

    /** Stores the profile; false if the customer was erased (their data is not taken in again). */
    public boolean save(String customerId, String retailerId, String name, String address, String phone, String email,
                        Instant at) {
        return jdbc.update("""
                INSERT INTO customer_profile (customer_id, retailer_id, name, address, phone, email, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (customer_id) DO UPDATE
                    SET name = EXCLUDED.name, address = EXCLUDED.address, phone = EXCLUDED.phone,
                        email = EXCLUDED.email, updated_at = EXCLUDED.updated_at
                    WHERE customer_profile.erased_at IS NULL AND customer_profile.retailer_id = EXCLUDED.retailer_id""",
                customerId, retailerId, name, address, phone, email, Timestamp.from(at)) == 1;
    }

    /** Empties the personal fields; the first erasure's time is kept. */
    public Optional<Instant> erase(String customerId, Instant at) {
        jdbc.update("""
                UPDATE customer_profile SET name = NULL, address = NULL, phone = NULL, email = NULL,
                    erased_at = COALESCE(erased_at, ?), updated_at = ?
                WHERE customer_id = ?""", Timestamp.from(at), Timestamp.from(at), customerId);
        return find(customerId).map(Profile::erasedAt);
    }
}
