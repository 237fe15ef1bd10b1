package io.gridledger.adapter.simulation;

import io.gridledger.adapter.dlms.DataNotifications;
import io.gridledger.adapter.dlms.DlmsObjects;
import org.openmuc.jdlms.AuthenticationMechanism;
import org.openmuc.jdlms.CosemAttribute;
import org.openmuc.jdlms.CosemClass;
import org.openmuc.jdlms.CosemInterfaceObject;
import org.openmuc.jdlms.CosemMethod;
import org.openmuc.jdlms.DlmsServer;
import org.openmuc.jdlms.IllegalMethodAccessException;
import org.openmuc.jdlms.LogicalDevice;
import org.openmuc.jdlms.SecuritySuite;
import org.openmuc.jdlms.datatypes.DataObject;
import org.openmuc.jdlms.sessionlayer.server.ServerSessionLayerFactories;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A DLMS/COSEM prepaid meter (jDLMS server, TCP wrapper): energy registers in Wh (scaler 0),
 * instantaneous L1 voltage and current, and a disconnect control object that opens and closes the
 * supply relay. Only a client with the meter's keys gets in: security suite 0 (AES-GCM-128),
 * HLS5-GMAC authentication, authenticated and encrypted APDUs.
 */
public final class DlmsMeterSimulator implements AutoCloseable {

    /** The public client's SAP address used by the head-end. */
    public static final int CLIENT_ID = 1;
    public static final int LOGICAL_DEVICE = 1;

    private final DlmsServer server;
    private final int port;
    private final AtomicLong importWh = new AtomicLong();
    private final AtomicLong exportWh = new AtomicLong();
    private final AtomicLong[] reactiveVarh = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()};
    private volatile boolean relayClosed = true;
    private final AtomicInteger relayOperations = new AtomicInteger();
    private final List<DataObject> profile = new CopyOnWriteArrayList<>();

    public DlmsMeterSimulator(String systemTitleManufacturer, long deviceId, byte[] encryptionKey,
                              byte[] authenticationKey, byte[] masterKey) throws IOException {
        this.port = LocalPorts.free();
        LogicalDevice device = new LogicalDevice(LOGICAL_DEVICE, "GRIDLEDGER_SIM", systemTitleManufacturer, deviceId);
        device.setMasterKey(masterKey);
        device.addRestriction(CLIENT_ID, SecuritySuite.builder()
                .setAuthenticationMechanism(AuthenticationMechanism.HLS5_GMAC)
                .setEncryptionMechanism(SecuritySuite.EncryptionMechanism.AES_GCM_128)
                .setSecurityPolicy(SecuritySuite.SecurityPolicy.AUTHENTICATED_AND_ENCRYPTED)
                .setGlobalUnicastEncryptionKey(encryptionKey)
                .setAuthenticationKey(authenticationKey)
                .build());
        device.registerCosemObject(new EnergyRegister(DlmsObjects.ACTIVE_IMPORT, importWh, 30),
                new EnergyRegister(DlmsObjects.ACTIVE_EXPORT, exportWh, 30),
                new EnergyRegister(DlmsObjects.REACTIVE_Q1, reactiveVarh[0], 32),
                new EnergyRegister(DlmsObjects.REACTIVE_Q2, reactiveVarh[1], 32),
                new EnergyRegister(DlmsObjects.REACTIVE_Q3, reactiveVarh[2], 32),
                new EnergyRegister(DlmsObjects.REACTIVE_Q4, reactiveVarh[3], 32),
                new InstantaneousValue(DlmsObjects.VOLTAGE_L1, 2301, -1, 35),
                new InstantaneousValue(DlmsObjects.CURRENT_L1, 52, -1, 33),
                new Disconnector(), new LoadProfile());
        this.server = DlmsServer.tcpServerBuilder(port).registerLogicalDevice(device)
                .setSessionLayerFactory(ServerSessionLayerFactories.newWrapperSessionLayerFactory()).build();
    }

    public int port() {
        return port;
    }

    public void registers(long importWh, long exportWh) {
        this.importWh.set(importWh);
        this.exportWh.set(exportWh);
    }

    /** Closes a load-profile interval at {@code end} (UTC) with the registers as they are then. */
    public void captureProfile(Instant end, long importWh, long exportWh) {
        profile.add(DataObject.newStructureData(DataObject.newOctetStringData(DataNotifications.dateTime(end)),
                DataObject.newUInteger32Data(importWh), DataObject.newUInteger32Data(exportWh)));
    }

    /** Reactive energy registers Q1…Q4 in varh. */
    public void reactive(long q1, long q2, long q3, long q4) {
        reactiveVarh[0].set(q1);
        reactiveVarh[1].set(q2);
        reactiveVarh[2].set(q3);
        reactiveVarh[3].set(q4);
    }

    public boolean relayClosed() {
        return relayClosed;
    }

    /** How many times the relay actually moved. */
    public int relayOperations() {
        return relayOperations.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }


    /** Class 3 energy register, scaler 0, unit code 30 (Wh) or 32 (varh). */
    @CosemClass(id = DlmsObjects.REGISTER)
    public static final class EnergyRegister extends CosemInterfaceObject {
        @CosemAttribute(id = 2, type = DataObject.Type.DOUBLE_LONG_UNSIGNED)
        private DataObject value;
        @CosemAttribute(id = 3, type = DataObject.Type.STRUCTURE)
        private DataObject scalerUnit;
        private final AtomicLong source;

        EnergyRegister(String obis, AtomicLong source, int unit) {
            super(obis);
            this.source = source;
            this.scalerUnit = DataObject.newStructureData(DataObject.newInteger8Data((byte) 0),
                    DataObject.newEnumerateData(unit));
        }

        public DataObject getValue() {
            return DataObject.newUInteger32Data(source.get());
        }

        public DataObject getScalerUnit() {
            return scalerUnit;
        }
    }

    /** Class 3 register holding an instantaneous value with a scaler (e.g. 2301 × 10⁻¹ V). */
    @CosemClass(id = DlmsObjects.REGISTER)
    public static final class InstantaneousValue extends CosemInterfaceObject {
        @CosemAttribute(id = 2, type = DataObject.Type.LONG_UNSIGNED)
        private DataObject value;
        @CosemAttribute(id = 3, type = DataObject.Type.STRUCTURE)
        private DataObject scalerUnit;

        InstantaneousValue(String obis, int raw, int scaler, int unit) {
            super(obis);
            this.value = DataObject.newUInteger16Data(raw);
            this.scalerUnit = DataObject.newStructureData(DataObject.newInteger8Data((byte) scaler),
                    DataObject.newEnumerateData(unit));
        }

        public DataObject getValue() {
            return value;
        }

        public DataObject getScalerUnit() {
            return scalerUnit;
        }
    }

    /** Class 7 load profile of 15-minute intervals: {clock, A+, A−}, the meter's clock in UTC. */
    @CosemClass(id = DlmsObjects.PROFILE_GENERIC)
    public final class LoadProfile extends CosemInterfaceObject {
        @CosemAttribute(id = 2, type = DataObject.Type.ARRAY)
        private DataObject buffer;
        @CosemAttribute(id = 3, type = DataObject.Type.ARRAY)
        private DataObject captureObjects;
        @CosemAttribute(id = 4, type = DataObject.Type.DOUBLE_LONG_UNSIGNED)
        private DataObject capturePeriod = DataObject.newUInteger32Data(900);

        LoadProfile() {
            super(DlmsObjects.LOAD_PROFILE);
            captureObjects = DataObject.newArrayData(List.of(
                    captureObject(8, DlmsObjects.CLOCK), captureObject(3, DlmsObjects.ACTIVE_IMPORT),
                    captureObject(3, DlmsObjects.ACTIVE_EXPORT)));
        }

        private static DataObject captureObject(int classId, String obis) {
            return DataObject.newStructureData(DataObject.newUInteger16Data(classId),
                    DataObject.newOctetStringData(new org.openmuc.jdlms.ObisCode(obis).bytes()),
                    DataObject.newInteger8Data((byte) 2), DataObject.newUInteger16Data(0));
        }

        public DataObject getBuffer() {
            return DataObject.newArrayData(new ArrayList<>(profile));
        }

        public DataObject getCaptureObjects() {
            return captureObjects;
        }

        public DataObject getCapturePeriod() {
            return capturePeriod;
        }
    }

    /** Class 70 disconnect control: output_state true = supply connected. */
    @CosemClass(id = DlmsObjects.DISCONNECT_CONTROL)
    public final class Disconnector extends CosemInterfaceObject {
        @CosemAttribute(id = 2, type = DataObject.Type.BOOLEAN)
        private DataObject outputState;

        Disconnector() {
            super(DlmsObjects.DISCONNECTOR);
        }

        public DataObject getOutputState() {
            return DataObject.newBoolData(relayClosed);
        }

        @CosemMethod(id = 1, consumes = DataObject.Type.INTEGER)
        public void remoteDisconnect(DataObject ignored) throws IllegalMethodAccessException {
            if (relayClosed) {
                relayClosed = false;
                relayOperations.incrementAndGet();
            }
        }

        @CosemMethod(id = 2, consumes = DataObject.Type.INTEGER)
        public void remoteReconnect(DataObject ignored) throws IllegalMethodAccessException {
            if (!relayClosed) {
                relayClosed = true;
                relayOperations.incrementAndGet();
            }
        }
    }
}
