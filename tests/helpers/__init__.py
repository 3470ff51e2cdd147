"""What the tests share, out of conftest.py (which keeps only fixtures) and out of bench/: settings and the
PostgreSQL helpers (`settings`), the end-to-end harness (`harness`), document builders (`docs`, `hostile`),
synthetic directives (`synth`, also used by the benchmarks)."""
