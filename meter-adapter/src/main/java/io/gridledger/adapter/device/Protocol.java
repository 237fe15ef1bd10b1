package io.gridledger.adapter.device;

/** How the head-end reaches a meter. */
public enum Protocol {
    /** JSON deliveries and relay commands over an MQTT broker (NB-IoT / Cat.1 meters). */
    MQTT,
    /** DSMR P1 telegrams forwarded over MQTT by a dongle on the customer's P1 port; no relay. */
    P1,
    /** Register polling over Modbus TCP (RS485 gateways). */
    MODBUS,
    /** DLMS/COSEM over TCP (wrapper). */
    DLMS
}
