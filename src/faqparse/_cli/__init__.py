"""The command line: ``main(argv) -> int``, one module per group of commands."""
