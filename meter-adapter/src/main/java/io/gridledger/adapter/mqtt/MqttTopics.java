package io.gridledger.adapter.mqtt;

import java.util.Optional;

/**
 * The topic scheme, under a configurable prefix (default {@code gridledger}):
 *
 * <pre>
 * {prefix}/meters/{meterId}/readings       device → head-end  JSON readings delivery
 * {prefix}/meters/{meterId}/p1             device → head-end  DSMR P1 telegram (text, CRC16)
 * {prefix}/meters/{meterId}/relay/state    device → head-end  JSON relay read-back
 * {prefix}/meters/{meterId}/events         device → head-end  JSON tamper and power-quality events
 * {prefix}/meters/{meterId}/dlms           device → head-end  DLMS data notification (binary, ciphered)
 * {prefix}/meters/{meterId}/relay/command  head-end → device  JSON relay command
 * </pre>
 *
 * Every message carries the MQTT 5 user properties {@code counter} (rising per sender) and
 * {@code mac} (HMAC-SHA256, see {@link io.gridledger.adapter.device.DeviceKeys}); a device may add
 * {@code sentAt} (its clock, ISO-8601) for clock-drift monitoring. DLMS frames authenticate
 * themselves (security suite 0); their invocation counter is the counter. QoS 1 throughout.
 */
public record MqttTopics(String prefix) {

    public enum Inbound { READINGS, P1, RELAY_STATE, EVENTS, DLMS_PUSH }

    /** A message from a meter: which meter, and what it sent. */
    public record Parsed(String meterId, Inbound kind) {
    }

    public String readings(String meterId) {
        return prefix + "/meters/" + meterId + "/readings";
    }

    public String p1(String meterId) {
        return prefix + "/meters/" + meterId + "/p1";
    }

    public String relayState(String meterId) {
        return prefix + "/meters/" + meterId + "/relay/state";
    }

    public String events(String meterId) {
        return prefix + "/meters/" + meterId + "/events";
    }

    public String dlmsPush(String meterId) {
        return prefix + "/meters/" + meterId + "/dlms";
    }

    public String relayCommand(String meterId) {
        return prefix + "/meters/" + meterId + "/relay/command";
    }

    /** The filters the head-end subscribes to. */
    public String[] inboundFilters() {
        return new String[] {prefix + "/meters/+/readings", prefix + "/meters/+/p1", prefix + "/meters/+/relay/state",
            prefix + "/meters/+/events", prefix + "/meters/+/dlms"};
    }

    public Optional<Parsed> parse(String topic) {
        String start = prefix + "/meters/";
        if (!topic.startsWith(start)) {
            return Optional.empty();
        }
        String rest = topic.substring(start.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String meterId = rest.substring(0, slash);
        return switch (rest.substring(slash + 1)) {
            case "readings" -> Optional.of(new Parsed(meterId, Inbound.READINGS));
            case "p1" -> Optional.of(new Parsed(meterId, Inbound.P1));
            case "relay/state" -> Optional.of(new Parsed(meterId, Inbound.RELAY_STATE));
            case "events" -> Optional.of(new Parsed(meterId, Inbound.EVENTS));
            case "dlms" -> Optional.of(new Parsed(meterId, Inbound.DLMS_PUSH));
            default -> Optional.empty();
        };
    }
}
