# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# evtxcases.py: hostile EVTX files built byte by byte for make_cases.py
# (issue 16): a chunk whose free space offset is not 8-aligned, one
# record whose binary XML substitutes a nested value thousands of times
# in thousands of places, and a first record whose binary XML is broken.

import struct
import zlib


def chunk_crc(c):
    """Chunk c (bytearray) with its two checksums set."""
    free = struct.unpack_from("<I", c, 48)[0]
    struct.pack_into("<I", c, 52, zlib.crc32(bytes(c[512:free])))
    struct.pack_into("<I", c, 124,
                     zlib.crc32(bytes(c[128:512]), zlib.crc32(bytes(c[:120]))))
    return c


def file_header(nchunks, next_id):
    h = bytearray(4096)
    h[0:8] = b"ElfFile\0"
    struct.pack_into("<QQQIHHHH", h, 8, 0, nchunks - 1, next_id, 128, 1, 3,
                     4096, nchunks)
    struct.pack_into("<I", h, 124, zlib.crc32(bytes(h[:120])))
    return bytes(h)


def unaligned_free(good):
    """Chunk 1 of a good log with its free space offset moved off 8."""
    b = bytearray(good)
    c = 4096 + 65536
    free = struct.unpack_from("<I", b, c + 48)[0]
    struct.pack_into("<I", b, c + 48, free - 3)
    b[c:c + 65536] = chunk_crc(bytearray(b[c:c + 65536]))
    return bytes(b)


def broken_first_record(good):
    """The first record's binary XML starts with a token that is none."""
    b = bytearray(good)
    b[4096 + 512 + 24] = 0xff
    b[4096 + 512 + 25] = 0xff
    c = 4096
    b[c:c + 65536] = chunk_crc(bytearray(b[c:c + 65536]))
    return bytes(b)


def _name(s):
    u = s.encode("utf-16-le")
    h = 0
    for i in range(0, len(u), 2):
        h = (h * 65599 + struct.unpack_from("<H", u, i)[0]) & 0xffffffff
    return struct.pack("<IHH", 0, h & 0xffff, len(s)) + u + b"\0\0"


def _element(pos, name, content):
    """<name>content</name> at chunk offset pos, its name resident."""
    nm = _name(name)
    body = struct.pack("<I", pos + 11) + nm + b"\x02" + content + b"\x04"
    return b"\x01" + struct.pack("<HI", 0xffff, len(body)) + body


def _instance(pos, name, subs, values):
    """A template instance at chunk offset pos whose resident template
    is <name> holding subs (substitution tokens); then the values, each
    (type, bytes)."""
    defpos = pos + 10
    tpl_start = defpos + 24
    elem = _element(tpl_start + 4, name, subs)
    body = b"\x0f\x01\x01\x00" + elem + b"\x00"
    guid = struct.pack("<IIII", 0x6f6d6221, 0x62626f6d, pos, len(body))
    out = b"\x0c\x01" + guid[:4] + struct.pack("<I", defpos)
    out += struct.pack("<I", 0) + guid + struct.pack("<I", len(body)) + body
    out += struct.pack("<I", len(values))
    for t, v in values:
        out += struct.pack("<HBB", len(v), t, 0)
    for t, v in values:
        out += v
    return out


def substitution_bomb(n_outer=6000, n_inner=6000):
    """One record in one chunk: <Event> substitutes value 0, a nested
    binary XML value, n_outer times; that value's <Data> substitutes a
    64-character string n_inner times.  Rendered, about 46 GiB."""
    rec_pos = 512
    xml_pos = rec_pos + 24
    top_pos = xml_pos + 4
    # The nested value sits after the top instance's template and
    # descriptors: work out where, then build it there.
    top_tpl = 10 + 24 + 4 + 11 + len(_name("Event")) + 1 + 4 * n_outer + \
        1 + 1
    nested_pos = top_pos + top_tpl + 4 + 4
    inner_subs = b"\x0d\x00\x00\x01" * n_inner
    string = ("A" * 64).encode("utf-16-le")
    nested = b"\x0f\x01\x01\x00" + _instance(nested_pos + 4, "Data",
                                             inner_subs,
                                             [(0x01, string)]) + b"\0"
    outer_subs = b"\x0d\x00\x00\x21" * n_outer
    top = b"\x0f\x01\x01\x00" + _instance(top_pos, "Event", outer_subs,
                                          [(0x21, nested)]) + b"\0"
    assert top.find(nested) == nested_pos - xml_pos, "layout"
    size = 24 + len(top) + 4
    pad = (-size) % 8
    size += pad
    rec = b"\x2a\x2a\x00\x00" + struct.pack("<IQQ", size, 1,
                                            132000000000000000)
    rec += top + b"\0" * pad + struct.pack("<I", size)
    assert rec_pos + len(rec) < 65536, len(rec)
    c = bytearray(65536)
    c[0:8] = b"ElfChnk\0"
    struct.pack_into("<QQQQIII", c, 8, 1, 1, 1, 1, 128, rec_pos,
                     rec_pos + len(rec))
    c[rec_pos:rec_pos + len(rec)] = rec
    return file_header(1, 2) + bytes(chunk_crc(c))
