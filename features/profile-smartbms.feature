# Smart BMS V4.0 over Modbus RTU: the register profile engine and the Smart BMS map (data only).
name = profile-smartbms
version = 1.0.0
description = Smart BMS V4.0 profile (RS485, Modbus RTU, register map as data) and the data-driven profile engine (register and CAN)
includes = core, protocol-modbus, schema
bundles = \
  jackson-annotations, \
  jackson-core, \
  jackson-databind, \
  org.bmsw.can.dbc, \
  org.bmsw.protocol.xcp, \
  org.bmsw.profile.can, \
  org.bmsw.profile.modbus, \
  org.bmsw.profile.smartbms
