"""Parts compressed apart make one gzip file that any reader reads whole."""

import gzip
import zlib

from core.gzip_parts import join, part


def test_parts_compressed_apart_read_as_one_file():
    before = b"<html><body>" + b"Volunteering for the inclusion of migrants. " * 2000
    corner = b'<nav class="account-nav">Your account</nav>'
    after = b"<footer>Co-funded by the European Union.</footer></body></html>" * 50

    joined = join([part(before), part(corner), part(after)])

    assert gzip.decompress(joined) == before + corner + after
    reader = zlib.decompressobj(16 + zlib.MAX_WBITS)  # as a browser reads it: one member
    assert reader.decompress(joined) == before + corner + after
    assert reader.eof
    assert not reader.unused_data
    assert len(joined) < len(before) // 10


def test_the_random_name_makes_the_length_vary():
    data = [part(b"<p>same page</p>" * 100)]

    lengths = {len(join(data)) for _ in range(20)}

    assert len(lengths) > 1
    assert gzip.decompress(join([part(b"")])) == b""
