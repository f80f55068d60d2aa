# JDI BI5116 / BI5132 / BI5148. Starts small: the RS485 register map, DBC and XCP arrive with issue 7;
# today this set holds the engines that profile will run on.
name = profile-jdi
version = 1.0.0
description = JDI BI51 profile (map, DBC and XCP arrive with issue 7): register-profile engine and CAN transports
includes = protocol-modbus, schema, transport-can
bundles = org.bmsw.profile.modbus
