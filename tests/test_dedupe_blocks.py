"""The MinHash of a long body is computed in blocks of shingles, with the same result."""

import numpy as np

from newscrawl.archive import dedupe


def test_block_signature_equals_the_whole_matrix(monkeypatch):
    body = "".join(f"西岭市第{n}次会议通过{n * 7 % 13}项民生决定，" for n in range(3000))
    whole = dedupe.signature(body)
    monkeypatch.setattr(dedupe, "_BLOCK", 97)  # many blocks, the last one partial
    assert np.array_equal(dedupe.signature(body), whole)
