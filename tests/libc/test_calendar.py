"""time.h's calendar: gmtime, mktime, strftime and asctime against glibc in UTC (a
virtine has no time zone: local time is UTC)."""


def test_calendar_sweep_matches_glibc(sweep_matches_glibc):
    sweep_matches_glibc("calendar_sweep", 1, 3000)
