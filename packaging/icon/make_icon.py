"""Draws the Kasane icon (three stacked, offset layers) as RGBA PNGs without third-party modules.

Run from the repository root: python3 packaging/icon/make_icon.py
It writes src-tauri/icons/icon.png (512 px) and 32x32.png / 128x128.png.
"""
import struct
import zlib

LAYERS = [  # (top-left x, top-left y, colour) in a 16-unit grid, back to front
    (2, 2, (0x2B, 0x4C, 0x7E)),
    (4, 5, (0x3E, 0x8E, 0x8A)),
    (6, 8, (0xE0, 0x8E, 0x45)),
]


def pixel(x, y):
    for lx, ly, colour in reversed(LAYERS):
        if lx <= x < lx + 8 and ly <= y < ly + 6:
            return colour + (255,)
    return (0, 0, 0, 0)


def png(size):
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            row += bytes(pixel(px * 16 / size, py * 16 / size))
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


for name, size in [("icon.png", 512), ("32x32.png", 32), ("128x128.png", 128)]:
    with open(f"src-tauri/icons/{name}", "wb") as out:
        out.write(png(size))
