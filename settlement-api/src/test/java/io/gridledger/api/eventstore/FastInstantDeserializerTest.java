package io.gridledger.api.eventstore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FastInstantDeserializerTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-01T12:15:00Z", "1970-01-01T00:00:00Z", "2026-11-28T04:26:34.194810120Z",
            "2026-11-28T04:26:34.1Z", "2024-02-29T23:59:59.999Z", "2026-12-31T23:00:00.000001Z"})
    void readsWhatInstantWritesExactly(String text) {
        assertThat(FastInstantDeserializer.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-01T12:15:00+01:00", "2026-02-30T00:00:00Z", "2026-03-01 12:15:00Z",
            "2026-03-01T24:00:00Z", "+12026-03-01T12:15:00Z", "2026-03-01T12:15:00.Z"})
    void leavesOtherFormsToTheStandardParser(String text) {
        assertThat(FastInstantDeserializer.parse(text)).isNull();
    }

    @Test
    void storageMapperRoundTripsInstants() throws Exception {
        var mapper = EventStoreConfiguration.storageMapper();
        Instant t = Instant.parse("2026-03-29T01:59:59.5Z");
        assertThat(mapper.readValue(mapper.writeValueAsString(t), Instant.class)).isEqualTo(t);
        assertThat(mapper.readValue("\"2026-03-29T03:59:59.5+02:00\"", Instant.class)).isEqualTo(t);
    }
}
