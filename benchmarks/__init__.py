"""Benchmarks of the Klaster course (issue 9). Run all with `python -m benchmarks`."""
