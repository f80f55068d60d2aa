# Modbus RTU master (profiles) and slave codec (simulator) on any byte link.
name = protocol-modbus
version = 1.0.0
description = Modbus RTU: master with retries and statistics, slave codec, frame splitter
includes = core
bundles = org.bmsw.protocol.modbus
