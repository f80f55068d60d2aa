#!/usr/bin/python3
"""Decodes CAN frames with canmatrix (a third-party DBC library), for comparison with our decoder.

usage: canmatrix_decode.py <file.dbc> <frames.txt>
frames.txt: one frame per line, "<id hex> <x|s> <data hex>" (x = 29-bit id, s = 11-bit).
Prints one JSON object per frame: {"id": ..., "signals": {name: physical value}}; a frame of a message
the DBC does not know prints {"id": ..., "unknown": true}.
"""
import json
import logging
import sys

import canmatrix
import canmatrix.formats

logging.disable(logging.WARNING)


def main():
    db = canmatrix.formats.loadp_flat(sys.argv[1])
    if db is None:
        sys.exit("canmatrix could not load " + sys.argv[1])
    with open(sys.argv[2]) as frames:
        for line in frames:
            ident, kind, data = (line.split() + [""])[:3]
            arbitration = canmatrix.ArbitrationId(int(ident, 16), extended=(kind == "x"))
            frame = db.frame_by_id(arbitration)
            if frame is None:
                print(json.dumps({"id": ident, "unknown": True}))
                continue
            decoded = frame.decode(bytearray.fromhex(data))
            print(json.dumps({"id": ident, "signals": {name: float(value.phys_value) for name, value in decoded.items()}}))


if __name__ == "__main__":
    main()
