"""A gzip file made of parts compressed apart: most compressed once, one part each time.

A page shared by signed-in people is the same for all but its account menu. Its two
halves are compressed once, when the page is stored, each into deflate blocks that
end on a byte boundary (``Z_SYNC_FLUSH``) and refer to nothing before them; each
request compresses only its menu, and the blocks are laid end to end in one gzip
member (RFC 1951, 1952) with the CRC-32 and length of the whole. Any browser reads it
as it reads any gzip response; compressing the whole page anew took most of the
time of serving it.

Like Django's GZipMiddleware, the header carries a random file name of random length
(up to 100 bytes), which makes the length of the response vary (BREACH).
"""

import gzip
import secrets
import struct
import zlib
from dataclasses import dataclass

LEVEL = 6
MAX_RANDOM_BYTES = 100


@dataclass(frozen=True)
class Part:
    raw: bytes
    deflated: bytes  # raw deflate blocks, not final, ending on a byte boundary


def part(data: bytes) -> Part:
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return Part(data, compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH))


def join(parts: list[Part]) -> bytes:
    """One gzip member holding the parts' data one after the other."""
    crc = 0
    size = 0
    for piece in parts:
        crc = zlib.crc32(piece.raw, crc)
        size += len(piece.raw)
    # Hex digits: one call for the whole name (a choice per byte cost more than the rest).
    name = secrets.token_hex(MAX_RANDOM_BYTES // 2)[: 1 + secrets.randbelow(MAX_RANDOM_BYTES)]
    name = name.encode()
    # Magic, deflate, FNAME flag, mtime 0, no extra flags, OS unknown; then the name.
    header = b"\x1f\x8b\x08" + bytes([gzip.FNAME]) + b"\x00\x00\x00\x00\x00\xff" + name + b"\x00"
    # An empty final block ends the stream (three bits, padded to a byte: 0x03 0x00).
    end = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS).flush(zlib.Z_FINISH)
    trailer = struct.pack("<II", crc, size & 0xFFFFFFFF)
    return b"".join([header, *(piece.deflated for piece in parts), end, trailer])
