"""A pymodbus master for the simulator's conformance tests.

usage: pymodbus_client.py serial PORT UNIT FUNCTION START COUNT
       pymodbus_client.py tcp HOST:PORT UNIT FUNCTION START COUNT   (RTU frames over TCP)

FUNCTION is 3 (holding) or 4 (input). Prints the registers as decimal numbers on one line, or
ERROR <text> and exits 1.
"""
import sys

from pymodbus.client import ModbusSerialClient, ModbusTcpClient
from pymodbus.framer.rtu_framer import ModbusRtuFramer


def main():
    mode, target, unit, function, start, count = sys.argv[1:7]
    if mode == "serial":
        client = ModbusSerialClient(port=target, framer=ModbusRtuFramer, baudrate=9600, timeout=2, retries=1)
    else:
        host, port = target.rsplit(":", 1)
        client = ModbusTcpClient(host, port=int(port), framer=ModbusRtuFramer, timeout=2, retries=1)
    if not client.connect():
        print("ERROR cannot connect to " + target)
        return 1
    try:
        read = client.read_holding_registers if function == "3" else client.read_input_registers
        result = read(int(start), int(count), slave=int(unit))
        if result.isError():
            print("ERROR " + str(result))
            return 1
        print(" ".join(str(r) for r in result.registers))
        return 0
    finally:
        client.close()


if __name__ == "__main__":
    sys.exit(main())
