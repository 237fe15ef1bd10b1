-- P1 ports reached over TCP (a P1-to-Ethernet/Wi-Fi dongle that streams telegrams on a socket).
CREATE TABLE p1_source (
    meter_id  VARCHAR(64)  PRIMARY KEY,
    host      VARCHAR(255) NOT NULL,
    port      INT          NOT NULL
);
