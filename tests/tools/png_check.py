#!/usr/bin/python3
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# png_check.py: is this PNG a real picture?  Decodes it with zlib alone
# (8-bit greyscale, RGB or RGBA, not interlaced: what Chromium writes)
# and checks its size, that it has more than MIN_COLOURS distinct pixel
# values, and that no single value covers more than MAX_SHARE of it.
#
# usage: png_check.py shot.png [min-width min-height]

import struct
import sys
import zlib

MIN_COLOURS = 16
MAX_SHARE = 0.97


def decode(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, hdr = 8, [], None
    while pos + 8 <= len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    w, h, depth, ctype, _, _, interlace = hdr
    if depth != 8 or interlace != 0 or ctype not in (0, 2, 4, 6):
        raise ValueError("unsupported PNG (depth %d, type %d)" % (depth,
                                                                 ctype))
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
    raw = zlib.decompress(b"".join(idat))
    stride = w * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(h):
        off = y * (stride + 1)
        f = raw[off]
        line = bytearray(raw[off + 1:off + 1 + stride])
        if f == 1:
            for x in range(bpp, stride):
                line[x] = (line[x] + line[x - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                line[x] = (line[x] + ((a + prev[x]) >> 1)) & 255
        elif f == 4:
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b = prev[x]
                c = prev[x - bpp] if x >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else
                                      b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def main():
    w, h, bpp, rows = decode(open(sys.argv[1], "rb").read())
    minw = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    minh = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    counts = {}
    for line in rows:
        for i in range(0, len(line), bpp):
            px = line[i:i + bpp]
            counts[px] = counts.get(px, 0) + 1
    top = max(counts.values())
    print("png %dx%d, %d colours, commonest %.1f%%" %
          (w, h, len(counts), 100.0 * top / (w * h)))
    if w < minw or h < minh:
        print("png_check: too small")
        return 1
    if len(counts) <= MIN_COLOURS or top > MAX_SHARE * w * h:
        print("png_check: blank")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
