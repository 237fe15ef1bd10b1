-- Reactive energy per interval (quadrants Q1-Q4, varh), NULL when the meter does not report it.
-- Operators see the power factor of any bucket from these sums.
ALTER TABLE interval_consumption
    ADD COLUMN reactive_q1_varh BIGINT,
    ADD COLUMN reactive_q2_varh BIGINT,
    ADD COLUMN reactive_q3_varh BIGINT,
    ADD COLUMN reactive_q4_varh BIGINT;
