"""A PACE BMS as python3-pymodbus serves it: an RTU slave on one end of a socat pty pair, holding registers laid out as
the public 'PACE BMS Modbus Protocol for RS485 V1.3' documents them (values chosen here, written by hand).

usage: pace_slave.py PORT UNIT      prints READY when the port is open
"""
import asyncio
import logging
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.framer.rtu_framer import ModbusRtuFramer
from pymodbus.server.async_io import ModbusSerialServer


def u16(value):
    return value & 0xFFFF


def registers():
    r = [0] * 200
    r[0] = u16(-1234)             # current, 10 mA, signed: -12.34 A (discharging)
    r[1] = 5280                   # pack voltage, 10 mV: 52.80 V
    r[2] = 87                     # SOC %
    r[3] = 99                     # SOH %
    r[4] = 8700                   # remaining capacity, 10 mAh: 87.00 Ah
    r[5] = 10000                  # full capacity: 100.00 Ah
    r[6] = 10500                  # design capacity: 105.00 Ah
    r[7] = 42                     # cycles
    r[9] = 1 << 15                # warning: SOC low
    r[10] = 0                     # protection: none
    r[11] = (1 << 11) | (1 << 10) | (1 << 9)  # status: both MOSFETs on, discharging
    r[12] = 1 << 2                # balancing cell 3
    for cell in range(16):
        r[15 + cell] = 3300 + cell  # cells 1..16: 3.300 .. 3.315 V
    r[31:37] = [251, 252, 253, u16(-55), 315, 220]  # T1..T4, MOSFET, environment, 0.1 degC
    # parameters 60..114 (a 16S LiFePO4 setting)
    r[60:76] = [57600, 58400, 54400, 10, 3600, 3650, 3380, 10, 46400, 43200, 48000, 10, 2900, 2700, 3000, 10]
    r[76:84] = [100, 110, 10, 100, 120, 10, 150, 4]
    temperatures = [500, 550, 500, 550, 600, 550, 20, 0, 50, -150, -200, -100, 900, 1000, 850, 600, 650, 550,
                    -200, -250, -150]
    r[84:105] = [u16(t) for t in temperatures]
    r[105:115] = [3400, 30, 56800, 2000, 3100, 60, 8, 5, 150, 4]
    version = "PACE-V1.3 TESTSLAVE".ljust(20, " ")
    for i in range(10):
        r[150 + i] = (ord(version[2 * i]) << 8) | ord(version[2 * i + 1])
    return r


async def main():
    port, unit = sys.argv[1], int(sys.argv[2])
    store = ModbusSlaveContext(hr=ModbusSequentialDataBlock(0, registers()), zero_mode=True)
    context = ModbusServerContext(slaves={unit: store}, single=False)
    server = ModbusSerialServer(context, ModbusRtuFramer, port=port, baudrate=9600, bytesize=8, parity="N",
                                stopbits=1, timeout=0.005, ignore_missing_slaves=True)
    await server.start()
    if server.transport is None:
        print("FAILED to open " + port, flush=True)
        sys.exit(2)
    print("READY", flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    asyncio.run(main())
