# Virtual devices: the battery model and simulated BMSs serving the profiles' own maps.
name = simulator
version = 1.0.0
description = Battery physics, simulated devices on the real wire protocols, the built-in `sim` transport and `bmsw simulate`
includes = profile-smartbms, cli
bundles = \
  org.bmsw.can.dbc, \
  org.bmsw.protocol.xcp, \
  org.bmsw.simulator
