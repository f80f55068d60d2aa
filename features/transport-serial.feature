# RS485 / RS232 through jSerialComm (its own bundle, with its native libraries).
name = transport-serial
version = 1.0.0
description = Serial ports: RS485 half-duplex options, typed paths, disconnect detection, reconnect
includes = core
bundles = \
  jSerialComm, \
  org.bmsw.transport.serial
