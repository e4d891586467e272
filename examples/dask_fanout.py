"""Parse many untrusted records across a Dask cluster, each record in its own virtine.

The record parser below is C written the way C parsers often are: it trusts the
lengths inside each record. A hostile record can at worst crash or hang the one
virtine parsing it; the worker process, the other records and the client go on.
``pyvirtine.dask.map`` sends the records to the workers in batches, where each worker
process keeps one warm pool of the virtine for all its batches.

Run: python examples/dask_fanout.py   (needs pip install pyvirtine[dask])"""
from __future__ import annotations

import collections
import random
import struct

from distributed import Client, LocalCluster

import pyvirtine.dask
from pyvirtine import VirtineCrash, VirtineTimeout, virtine

RECORDS, HOSTILE_EVERY = 2000, 97


@virtine(memory="2M", timeout=0.1)
def parse_record(record: bytes):
    """
    #include <stddef.h>
    #include <stdint.h>

    struct summary { uint32_t fields, bytes, checksum; };

    /* A record is fields until its end: 'S' + a 16-bit length + bytes, or 'B' + a
     * 32-bit length + bytes. */
    struct summary parse_record(const unsigned char *p VIRTINE_IN(n), size_t n) {
        const unsigned char *end = p + n;
        struct summary s = {0, 0, 0};
        while (p < end) {
            unsigned char type = *p++;
            int64_t len;
            if (type == 'S') {
                len = (int16_t)(p[0] | p[1] << 8);   /* BUG: signed: a "negative" length */
                p += 2;                              /* steps back, forever */
            } else {
                len = p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
                p += 4;
            }
            for (int64_t i = 0; i < len; i++)        /* BUG: trusts len to stay in the record */
                s.checksum = s.checksum * 31 + p[i];
            s.fields++;
            s.bytes += (uint32_t)len;
            p += len;
        }
        return s;
    }
    """


def reference_parse(record: bytes) -> tuple[int, int, int]:
    """What parse_record computes for a well-formed record, in Python."""
    fields = size = checksum = offset = 0
    while offset < len(record):
        kind, width = record[offset], 2 if record[offset] == ord("S") else 4
        length = int.from_bytes(record[offset + 1:offset + 1 + width], "little")
        offset += 1 + width
        for byte in record[offset:offset + length]:
            checksum = (checksum * 31 + byte) % 2**32
        fields, size, offset = fields + 1, size + length, offset + length
    return fields, size, checksum


def make_records(rng: random.Random) -> list[bytes]:
    records = []
    for i in range(RECORDS):
        fields = []
        for _ in range(rng.randint(1, 6)):
            body = rng.randbytes(rng.randint(0, 40))
            fields.append(b"S" + struct.pack("<H", len(body)) + body if rng.random() < 0.5
                          else b"B" + struct.pack("<I", len(body)) + body)
        if i % HOSTILE_EVERY == 1:    # claims a 3 GB blob
            fields.append(b"B" + struct.pack("<I", 3 << 30) + b"x")
        elif i % HOSTILE_EVERY == 2:  # a length of -3: the parser loops on this field
            fields.append(b"S" + struct.pack("<h", -3))
        records.append(b"".join(fields))
    return records


def main() -> None:
    records = make_records(random.Random(14))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster, Client(cluster):
        results = pyvirtine.dask.map(parse_record, records, return_exceptions=True,
                                     progress=True)
    outcomes = collections.Counter(type(r).__name__ for r in results)
    parsed = [(record, r) for record, r in zip(records, results)
              if not isinstance(r, Exception)]
    crash = next(r for r in results if isinstance(r, VirtineCrash))
    print(f"parsed {len(parsed)} of {len(records)} records on 2 worker processes, "
          "each in its own virtine")
    print(f"{outcomes[VirtineCrash.__name__]} hostile records crashed their virtine "
          f"(contained), the first at {crash.location}")
    print(f"{outcomes[VirtineTimeout.__name__]} hostile records ran past the 0.1 s time "
          "limit (stopped)")
    wrong = sum((r.fields, r.bytes, r.checksum) != reference_parse(record)
                for record, r in parsed)
    print(f"{wrong} parsed records differ from the Python reference parser")


if __name__ == "__main__":
    main()
