package io.gridledger.adapter.p1;

/** A P1 telegram that cannot be trusted: damaged in transit (CRC), cut short or missing a register. */
public class InvalidTelegramException extends RuntimeException {

    public InvalidTelegramException(String message) {
        super(message);
    }
}
