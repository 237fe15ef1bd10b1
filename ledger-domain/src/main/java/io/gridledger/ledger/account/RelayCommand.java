package io.gridledger.ledger.account;

/** What the platform asks a meter's relay to do. */
public enum RelayCommand {
    DISCONNECT, RECONNECT;

    /** The supply state the meter confirms once it has carried this out. */
    public SupplyState resultingState() {
        return this == DISCONNECT ? SupplyState.DISCONNECTED : SupplyState.CONNECTED;
    }
}
