package io.gridledger.adapter.dlms;

/** The COSEM objects the head-end reads and operates (logical names, IEC 62056-6-1 / Blue Book). */
public final class DlmsObjects {

    /** Register (class 3): active energy import A+ (1.8.0), export A− (2.8.0), reactive Q1–Q4 (5.8.0–8.8.0). */
    public static final int REGISTER = 3;
    public static final String ACTIVE_IMPORT = "1.0.1.8.0.255";
    public static final String ACTIVE_EXPORT = "1.0.2.8.0.255";
    public static final String REACTIVE_Q1 = "1.0.5.8.0.255";
    public static final String REACTIVE_Q2 = "1.0.6.8.0.255";
    public static final String REACTIVE_Q3 = "1.0.7.8.0.255";
    public static final String REACTIVE_Q4 = "1.0.8.8.0.255";
    /** Instantaneous values (class 3): L1 voltage, L1 current, active power import. */
    public static final String VOLTAGE_L1 = "1.0.32.7.0.255";
    public static final String CURRENT_L1 = "1.0.31.7.0.255";
    public static final String ACTIVE_POWER = "1.0.1.7.0.255";
    /**
     * Load profile (profile generic, class 7): attribute 2 buffer of {clock, A+ Wh, A− Wh} per
     * capture period, attribute 3 capture objects, attribute 4 capture period (s).
     */
    public static final int PROFILE_GENERIC = 7;
    public static final String LOAD_PROFILE = "1.0.99.1.0.255";
    public static final String CLOCK = "0.0.1.0.0.255";

    /** Disconnect control (class 70): attribute 2 output_state, methods 1 remote_disconnect, 2 remote_reconnect. */
    public static final int DISCONNECT_CONTROL = 70;
    public static final String DISCONNECTOR = "0.0.96.3.10.255";

    private DlmsObjects() {
    }
}
