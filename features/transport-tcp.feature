# Modbus RTU over TCP to serial device servers (RS485-to-Ethernet gateways).
name = transport-tcp
version = 1.0.0
description = RTU over TCP: connect timeout, keep-alive, reconnect with back-off
includes = core
bundles = org.bmsw.transport.tcp
