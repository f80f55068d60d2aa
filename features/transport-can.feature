# CAN through slcan (Lawicel ASCII) adapters on a serial port.
name = transport-can
version = 1.0.0
description = CAN over slcan: bit rates S0-S8, standard and extended ids, RTR, error replies
includes = transport-serial
bundles = org.bmsw.transport.slcan
