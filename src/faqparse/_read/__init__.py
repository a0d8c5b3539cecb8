"""Bytes to one dump: decoding, digests, line counts, the snapshot time, the locale, and the
public readers (`parse`, `parse_file`, `iter_records`, `tokenize`)."""
