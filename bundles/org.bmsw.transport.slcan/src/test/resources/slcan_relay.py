#!/usr/bin/python3
"""Two Lawicel (slcan) adapters on one simulated CAN bus.

Each --side is the adapter end of a pty whose other end a host program (ours, python-can) opens.
The relay answers commands the way a Lawicel CANUSB does: CR for success, BELL for an error
(O while open, S or C while closed/open, frames while the channel is closed, bad syntax),
"z"/"Z" CR for transmitted frames, and delivers frames to every other side whose channel is open
at the same bit rate. Z1 turns on the 4-digit millisecond timestamp, as on the real adapter.

Fault injection: --refuse-id answers BELL to frames with that id (as an adapter whose transmit
buffer is full or that is bus-off would). --bitrates lists the S codes this adapter accepts.
Every command received is logged as "<side> <line>" to --log.
"""
import argparse
import os
import re
import select
import sys
import time

CR, BELL = b"\r", b"\a"
FRAME = {
    "t": re.compile(r"^t([0-7][0-9A-Fa-f]{2})([0-8])((?:[0-9A-Fa-f]{2})*)$"),
    "T": re.compile(r"^T([01][0-9A-Fa-f]{7})([0-8])((?:[0-9A-Fa-f]{2})*)$"),
    "r": re.compile(r"^r([0-7][0-9A-Fa-f]{2})([0-8])$"),
    "R": re.compile(r"^R([01][0-9A-Fa-f]{7})([0-8])$"),
}


class Side:
    def __init__(self, name, path):
        self.name = name
        self.fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
        self.pending = b""
        self.bitrate = None
        self.open = False
        self.timestamps = False

    def send(self, data):
        os.write(self.fd, data)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--side", action="append", required=True, help="name=pty path")
    parser.add_argument("--refuse-id", type=lambda v: int(v, 16), default=None)
    parser.add_argument("--bitrates", default="012345678")
    parser.add_argument("--log", required=True)
    args = parser.parse_args()
    sides = [Side(*spec.split("=", 1)) for spec in args.side]
    log = open(args.log, "a", buffering=1)
    start = time.monotonic()

    def handle(side, line):
        log.write(f"{side.name} {line}\n")
        cmd = line[:1]
        if cmd in FRAME:
            match = FRAME[cmd].match(line)
            if not match or (cmd in "tT" and len(match.group(3)) != 2 * int(match.group(2))):
                return BELL
            if not side.open:
                return BELL
            if args.refuse_id is not None and int(match.group(1), 16) == args.refuse_id:
                return BELL
            stamp = "%04X" % (int((time.monotonic() - start) * 1000) % 60000)
            for other in sides:
                if other is not side and other.open and other.bitrate == side.bitrate:
                    other.send((line + (stamp if other.timestamps else "")).encode() + CR)
            return (b"Z" if cmd in "TR" else b"z") + CR
        if cmd == "S":
            if side.open or len(line) != 2 or line[1] not in args.bitrates:
                return BELL
            side.bitrate = line[1]
            return CR
        if cmd in ("O", "L"):
            if side.open or side.bitrate is None:
                return BELL
            side.open = True
            return CR
        if cmd == "C":
            if not side.open:
                return BELL
            side.open = False
            return CR
        if cmd == "Z" and line[1:] in ("0", "1") and not side.open:
            side.timestamps = line[1:] == "1"
            return CR
        if cmd == "V":
            return b"V1013" + CR
        if cmd == "N":
            return b"NRLY1" + CR
        if cmd == "F":
            return b"F00" + CR
        if line == "":
            return CR
        return BELL

    fds = {side.fd: side for side in sides}
    while True:
        ready, _, _ = select.select(list(fds), [], [])
        for fd in ready:
            side = fds[fd]
            try:
                data = os.read(fd, 4096)
            except OSError:
                data = b""
            if not data:
                # the host end of this pty is gone only when socat is gone: stop
                sys.exit(0)
            side.pending += data
            while CR in side.pending:
                raw, side.pending = side.pending.split(CR, 1)
                side.send(handle(side, raw.decode("ascii", "replace")))


if __name__ == "__main__":
    main()
