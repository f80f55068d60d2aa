"""A pymodbus RTU slave on a serial device (one end of a socat pty pair), for the interop tests.

usage: pymodbus_rtu_slave.py PORT UNIT SIZE

Holding register i = (i * 331 + 7) & 0xFFFF, input register i = (i * 17 + 1000) & 0xFFFF, for i in 0..SIZE-1.
Function 0x6D (OpenBLT XCP in Modbus RTU): [0x6D][len][packet] is answered with [0x6D][len+1][0xFF][packet reversed].
Prints READY when the port is open. Broadcast (unit 0) writes are enabled.
"""
import asyncio
import logging
import struct
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.framer.rtu_framer import ModbusRtuFramer
from pymodbus.pdu import ModbusRequest, ModbusResponse
from pymodbus.server.async_io import ModbusSerialServer


class XcpResponse(ModbusResponse):
    function_code = 0x6D
    _rtu_byte_count_pos = 2

    def __init__(self, packet=b"", **kwargs):
        ModbusResponse.__init__(self, **kwargs)
        self.packet = packet

    def encode(self):
        return struct.pack(">B", len(self.packet)) + self.packet

    def decode(self, data):
        self.packet = data[1:1 + data[0]]


class XcpRequest(ModbusRequest):
    function_code = 0x6D
    _rtu_byte_count_pos = 2

    def __init__(self, packet=b"", **kwargs):
        ModbusRequest.__init__(self, **kwargs)
        self.packet = packet

    def encode(self):
        return struct.pack(">B", len(self.packet)) + self.packet

    def decode(self, data):
        self.packet = bytes(data[1:1 + data[0]])

    def execute(self, context):
        return XcpResponse(b"\xff" + bytes(reversed(self.packet)))


async def main():
    port, unit, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    holding = [(i * 331 + 7) & 0xFFFF for i in range(size)]
    inputs = [(i * 17 + 1000) & 0xFFFF for i in range(size)]
    store = ModbusSlaveContext(hr=ModbusSequentialDataBlock(0, holding),
                               ir=ModbusSequentialDataBlock(0, inputs), zero_mode=True)
    context = ModbusServerContext(slaves={unit: store}, single=False)
    server = ModbusSerialServer(context, ModbusRtuFramer, port=port, baudrate=9600, bytesize=8, parity="N",
                                stopbits=1, timeout=0.005, ignore_missing_slaves=True, broadcast_enable=True)
    server.decoder.register(XcpRequest)
    await server.start()
    if server.transport is None:
        print("FAILED to open " + port, flush=True)
        sys.exit(2)
    print("READY", flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    asyncio.run(main())
