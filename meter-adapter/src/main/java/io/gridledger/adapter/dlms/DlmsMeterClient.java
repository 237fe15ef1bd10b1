package io.gridledger.adapter.dlms;

import io.gridledger.ledger.account.RegisterReading;
import io.gridledger.ledger.account.RelayCommand;
import org.openmuc.jdlms.AccessResultCode;
import org.openmuc.jdlms.AttributeAddress;
import org.openmuc.jdlms.AuthenticationMechanism;
import org.openmuc.jdlms.DlmsConnection;
import org.openmuc.jdlms.GetResult;
import org.openmuc.jdlms.MethodParameter;
import org.openmuc.jdlms.MethodResult;
import org.openmuc.jdlms.MethodResultCode;
import org.openmuc.jdlms.SecuritySuite;
import org.openmuc.jdlms.TcpConnectionBuilder;
import org.openmuc.jdlms.datatypes.DataObject;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The head-end as a DLMS/COSEM client (jDLMS, TCP wrapper, public client SAP 1, logical device 1):
 * security suite 0 — AES-GCM-128 with the meter's global unicast encryption key, HLS5-GMAC with its
 * authentication key — and an invocation counter the caller never reuses.
 */
public final class DlmsMeterClient implements AutoCloseable {

    /** The head-end's system title: manufacturer "GLH", device 1. */
    public static final String SYSTEM_TITLE_MANUFACTURER = "GLH";

    private final DlmsConnection connection;

    private DlmsMeterClient(DlmsConnection connection) {
        this.connection = connection;
    }

    /** Opens an association; {@code invocationCounter} must be above every one used before with this meter. */
    public static DlmsMeterClient connect(String host, int port, byte[] encryptionKey, byte[] authenticationKey,
                                          long invocationCounter, Duration timeout) throws IOException {
        SecuritySuite suite = SecuritySuite.builder()
                .setAuthenticationMechanism(AuthenticationMechanism.HLS5_GMAC)
                .setEncryptionMechanism(SecuritySuite.EncryptionMechanism.AES_GCM_128)
                .setSecurityPolicy(SecuritySuite.SecurityPolicy.AUTHENTICATED_AND_ENCRYPTED)
                .setGlobalUnicastEncryptionKey(encryptionKey)
                .setAuthenticationKey(authenticationKey)
                .build();
        DlmsConnection connection = new TcpConnectionBuilder(InetAddress.getByName(host)).setPort(port).useWrapper()
                .setClientId(1).setLogicalDeviceId(1).setSecuritySuite(suite)
                .setSystemTitle(SYSTEM_TITLE_MANUFACTURER, 1).setFrameCounter(invocationCounter)
                .setResponseTimeout(Math.toIntExact(timeout.toMillis()))
                .build();
        return new DlmsMeterClient(connection);
    }

    /**
     * Energy registers A+, A−, Q1–Q4 (value × 10^scaler, Wh/varh, rounded half-even; a register the
     * meter lacks is left out) and L1 voltage and current.
     */
    public RegisterReading read(Instant at) throws IOException {
        String[] energy = {DlmsObjects.ACTIVE_IMPORT, DlmsObjects.ACTIVE_EXPORT, DlmsObjects.REACTIVE_Q1,
            DlmsObjects.REACTIVE_Q2, DlmsObjects.REACTIVE_Q3, DlmsObjects.REACTIVE_Q4};
        String[] instantaneous = {DlmsObjects.VOLTAGE_L1, DlmsObjects.CURRENT_L1};
        List<AttributeAddress> addresses = new ArrayList<>();
        for (String obis : energy) {
            addresses.add(new AttributeAddress(DlmsObjects.REGISTER, obis, 2));
            addresses.add(new AttributeAddress(DlmsObjects.REGISTER, obis, 3));
        }
        for (String obis : instantaneous) {
            addresses.add(new AttributeAddress(DlmsObjects.REGISTER, obis, 2));
            addresses.add(new AttributeAddress(DlmsObjects.REGISTER, obis, 3));
        }
        List<GetResult> results = connection.get(addresses);
        BigDecimal importWh = scaled(results, 0, true);
        return new RegisterReading(at, whole(importWh), whole(scaled(results, 2, false)),
                whole(scaled(results, 4, false)), whole(scaled(results, 6, false)), whole(scaled(results, 8, false)),
                whole(scaled(results, 10, false)), scaled(results, 12, false), scaled(results, 14, false), null);
    }

    /**
     * The load profile's intervals that end after {@code after} (all when null), oldest first: the
     * buffer of {clock, A+ Wh, A− Wh} entries; the clock's deviation is applied, so times are UTC.
     */
    public List<RegisterReading> loadProfile(Instant after) throws IOException {
        GetResult buffer = connection.get(new AttributeAddress(DlmsObjects.PROFILE_GENERIC, DlmsObjects.LOAD_PROFILE, 2));
        if (buffer.getResultCode() != AccessResultCode.SUCCESS) {
            throw new IOException("load profile not readable: " + buffer.getResultCode());
        }
        List<DataObject> entries = buffer.getResultData().getValue();
        List<RegisterReading> out = new ArrayList<>(entries.size());
        for (DataObject entry : entries) {
            List<DataObject> fields = entry.getValue();
            Instant at = DataNotifications.instant(fields.get(0).getValue());
            if (after != null && !at.isAfter(after)) {
                continue;
            }
            Number imp = fields.get(1).getValue();
            Number exp = fields.get(2).getValue();
            out.add(RegisterReading.of(at, imp.longValue(), exp.longValue()));
        }
        out.sort(java.util.Comparator.comparing(RegisterReading::at));
        return out;
    }


    /**
     * Carries out a relay command (class 70: method 1 remote_disconnect, 2 remote_reconnect) and reads
     * the output state back: true when the supply is connected.
     */
    public boolean switchRelay(RelayCommand command) throws IOException {
        int method = command == RelayCommand.DISCONNECT ? 1 : 2;
        MethodResult result = connection.action(new MethodParameter(DlmsObjects.DISCONNECT_CONTROL,
                DlmsObjects.DISCONNECTOR, method, DataObject.newInteger8Data((byte) 0)));
        if (result.getResultCode() != MethodResultCode.SUCCESS) {
            throw new IOException("the meter refused " + command + ": " + result.getResultCode());
        }
        return outputState();
    }

    /** Disconnect control output_state: true when the supply is connected. */
    public boolean outputState() throws IOException {
        GetResult state = connection.get(new AttributeAddress(DlmsObjects.DISCONNECT_CONTROL, DlmsObjects.DISCONNECTOR,
                2));
        if (state.getResultCode() != AccessResultCode.SUCCESS) {
            throw new IOException("output_state not readable: " + state.getResultCode());
        }
        return state.getResultData().getValue();
    }

    private static Long whole(BigDecimal v) {
        return v == null ? null : v.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    private static BigDecimal scaled(List<GetResult> results, int index, boolean required) throws IOException {
        GetResult value = results.get(index);
        GetResult scalerUnit = results.get(index + 1);
        if (value.getResultCode() != AccessResultCode.SUCCESS || scalerUnit.getResultCode() != AccessResultCode.SUCCESS) {
            if (required) {
                throw new IOException("register not readable: " + value.getResultCode());
            }
            return null;
        }
        Number raw = value.getResultData().getValue();
        List<DataObject> su = scalerUnit.getResultData().getValue();
        Number scaler = su.get(0).getValue();
        return new BigDecimal(raw.toString()).scaleByPowerOfTen(scaler.intValue());
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
