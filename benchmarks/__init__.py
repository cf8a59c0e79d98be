"""Benchmarks of kbsite at scale: a corpus generator and the build and search harnesses (see BENCHMARKS.md)."""
