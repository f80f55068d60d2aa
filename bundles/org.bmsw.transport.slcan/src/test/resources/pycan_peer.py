#!/usr/bin/python3
"""python-can's own slcan interface as an independent host on the simulated bus, driven over stdin.

Commands (one per line):   send <hex id> <std|ext> data <hex bytes>   |   send <hex id> <std|ext> rtr <dlc>
                           recv <timeout s>                            |   quit
Answers: "ready", "sent", "frame <hex id> <std|ext> <data|rtr> <dlc> <hex bytes>", "none".
"""
import sys

import can


def main():
    channel, bitrate = sys.argv[1], int(sys.argv[2])
    bus = can.interface.Bus(interface="slcan", channel=channel, ttyBaudrate=115200, bitrate=bitrate,
                            sleep_after_open=0)
    print("ready", flush=True)
    try:
        for line in sys.stdin:
            words = line.split()
            if not words:
                continue
            if words[0] == "quit":
                break
            if words[0] == "send":
                ident, kind, what, value = words[1:5] if len(words) > 4 else words[1:4] + [""]
                rtr = what == "rtr"
                data = b"" if rtr else bytes.fromhex(value)
                bus.send(can.Message(arbitration_id=int(ident, 16), is_extended_id=kind == "ext",
                                     is_remote_frame=rtr, dlc=int(value) if rtr else len(data), data=data))
                print("sent", flush=True)
            elif words[0] == "recv":
                msg = bus.recv(float(words[1]))
                if msg is None:
                    print("none", flush=True)
                else:
                    print("frame %X %s %s %d %s" % (msg.arbitration_id, "ext" if msg.is_extended_id else "std",
                                                    "rtr" if msg.is_remote_frame else "data", msg.dlc,
                                                    bytes(msg.data).hex().upper()), flush=True)
    finally:
        bus.shutdown()


if __name__ == "__main__":
    main()
