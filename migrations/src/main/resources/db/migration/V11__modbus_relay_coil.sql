-- A Modbus meter's supply contactor, when it has one: the coil (function 05 to switch, 01 to read
-- back) that closes the supply when ON.
ALTER TABLE modbus_meter ADD COLUMN relay_coil INT;
