"""time.h's calendar: gmtime, mktime, strftime and asctime against glibc in UTC (a
virtine has no time zone: local time is UTC)."""


def test_calendar_sweep_matches_glibc(guest, host, case_count):
    stdin = f"1 {case_count(3000)}\n"
    ours = guest("calendar_sweep", stdin).stdout.decode().splitlines()
    ref = host("calendar_sweep", stdin).stdout.decode().splitlines()
    assert len(ours) == len(ref)
    mismatches = [(o, r) for o, r in zip(ours, ref) if o != r]
    assert not mismatches, f"{len(mismatches)} mismatches, first: {mismatches[:6]}"
