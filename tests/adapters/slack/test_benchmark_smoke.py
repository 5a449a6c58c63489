"""benchmarks/slack_http.py runs end to end and prints its ratio (tiny numbers: a smoke test)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[3] / "benchmarks" / "slack_http.py"


def test_the_benchmark_prints_both_servers_and_the_ratio() -> None:
    tiny = ["--requests", "30", "--rounds", "1", "--warmup", "5", "--concurrency", "4"]
    run = subprocess.run(
        [sys.executable, str(SCRIPT), *tiny],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "bare Bolt app (constant ack)" in run.stdout
    assert "osi-bot (answer in the ack)" in run.stdout
    assert "throughput ratio osi-bot / bare: " in run.stdout
    assert "Unclosed" not in run.stderr
