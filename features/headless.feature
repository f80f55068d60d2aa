# Everything that runs without a display: what `bmsw <command>` and servers start.
name = headless
version = 1.0.0
description = All features that need no display
includes = core, transport-serial, transport-tcp, transport-can, protocol-modbus, profile-smartbms, profile-files, profile-jdi, simulator, cli, mqtt, calibration, firmware, recorder
