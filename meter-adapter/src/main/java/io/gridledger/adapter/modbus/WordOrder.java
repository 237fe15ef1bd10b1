package io.gridledger.adapter.modbus;

/** The order of the two registers of a 32-bit value (bytes within a register are always big-endian). */
public enum WordOrder {
    /** high word first (Modbus convention; Eastron, ABB) */
    HIGH_FIRST,
    /** low word first ("word-swapped"; some Schneider and Carlo Gavazzi meters) */
    LOW_FIRST
}
