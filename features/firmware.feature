# Firmware images (S-record, Intel HEX, binary, signed FP packages), validation before erase, and
# flashing over OpenBLT's XCP (Modbus RTU function 109 on RS485, XCP on CAN).
name = firmware
version = 1.0.0
description = Firmware image validation and XCP flashing
includes = protocol-modbus, profile-smartbms, schema, cli
bundles = \
  org.bmsw.protocol.xcp, \
  org.bmsw.firmware
