"""FILE streams over real files (the shim opens whatever the program names), against
glibc: buffering, seeks, tells, pushback and mode switches in every fopen mode."""


def test_file_streams_match_glibc(guest, host, case_count, tmp_path):
    count = case_count(400)
    ours = guest("file_sweep", f"5 {count}\n{tmp_path}/ours.txt\n").stdout.decode()
    ref = host("file_sweep", f"5 {count}\n{tmp_path}/glibc.txt\n").stdout.decode()
    ours_lines, ref_lines = ours.splitlines(), ref.splitlines()
    assert len(ours_lines) == len(ref_lines) == count + 3
    mismatches = [(o, r) for o, r in zip(ours_lines, ref_lines) if o != r]
    assert not mismatches, f"{len(mismatches)} mismatches, first: {mismatches[:3]}"
