package io.gridledger.testsupport;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What a test waits for before it asserts that something did <em>not</em> happen to an account (no
 * second charge, no extra standing charge): that the balance view has absorbed every event the
 * account has in the event store. Waiting a fixed time instead proves nothing on a busy machine.
 */
public final class AccountViews {

    private AccountViews() {
    }

    public static boolean caughtUp(DataSource database, String meterId) {
        try (Connection c = database.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT coalesce((SELECT last_event_sequence FROM balance_view WHERE meter_id = ?), -1)
                          = (SELECT coalesce(max(sequence_number), -2) FROM domain_event_entry
                             WHERE aggregate_identifier = ?)""")) {
            s.setString(1, meterId);
            s.setString(2, meterId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot compare the balance view of " + meterId + " with its events", e);
        }
    }
}
