# The JDI BI5116 / BI5132 / BI5148: RS485 register map and parameter schema as data, CAN telemetry
# decoded from the DBC shipped in the bundle, parameters over XCP calibration pages (Calibration, Flash).
name = profile-jdi
version = 1.0.0
description = JDI BI51 profile: RS485 (Modbus map as data) and CAN (DBC + XCP calibration pages)
includes = profile-smartbms, transport-can
bundles = \
  org.bmsw.can.dbc, \
  org.bmsw.protocol.xcp, \
  org.bmsw.profile.jdi
