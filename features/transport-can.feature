# CAN through slcan (Lawicel ASCII) adapters on a serial port, and through Linux SocketCAN interfaces.
name = transport-can
version = 1.0.0
description = CAN over slcan (bit rates S0-S8, standard and extended ids, RTR, error replies) and SocketCAN (JavaCAN)
includes = transport-serial
bundles = \
  org.bmsw.transport.slcan, \
  org.bmsw.transport.socketcan
