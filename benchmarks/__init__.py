"""Benchmarks run by `make bench` (``python -m benchmarks [NAME ...]``).

Each ``bench_<name>.py`` module has a ``run(args) -> list[dict]`` function that measures its subject and
a baseline in the same run and returns rows with at least ``benchmark``, ``case``, ``seconds``,
``baseline_seconds`` and ``ratio``. Results are printed as a table and saved to
``benchmarks/results/<name>.csv``.
"""
