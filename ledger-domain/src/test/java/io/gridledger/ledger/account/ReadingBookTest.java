package io.gridledger.ledger.account;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The book remembers the last {@value ReadingBook#REMEMBERED} readings, growing its ring as readings come. */
class ReadingBookTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static RegisterReading quarter(int n) {
        return RegisterReading.of(START.plus(Duration.ofMinutes(15L * n)), 1_000L + n, null);
    }

    @Test
    void tellsAReplayedReadingFromAConflictingOneAcrossRingGrowthAndWrapAround() {
        ReadingBook book = new ReadingBook();
        int total = ReadingBook.REMEMBERED + 500;
        for (int n = 0; n < total; n++) {
            book.accept(AcceptedInterval.baseline(quarter(n)));
        }
        int oldestRemembered = total - ReadingBook.REMEMBERED;
        assertThat(book.isRepeatOfAccepted(quarter(oldestRemembered))).isTrue();
        assertThat(book.isRepeatOfAccepted(quarter(total - 1))).isTrue();
        assertThat(book.isRepeatOfAccepted(quarter(1_234 + oldestRemembered))).isTrue();
        assertThat(book.hasAcceptedAt(quarter(oldestRemembered - 1).at())).as("forgotten").isFalse();
        RegisterReading different = RegisterReading.of(quarter(total - 7).at(), 5L, null);
        assertThat(book.isRepeatOfAccepted(different)).isFalse();
        assertThat(book.hasAcceptedAt(different.at())).isTrue();
        assertThat(book.last()).isEqualTo(quarter(total - 1));
    }
}
