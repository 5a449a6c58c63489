"""Answer-core benchmarks: printed figures, each beside a bare baseline measured in the same run.

    python benchmarks/core.py            # full run (about a minute)
    python benchmarks/core.py --quick    # a smoke run with tiny numbers

1. Answers per second on the bundled knowledge vs a bare `rapidfuzz.process.extractOne`
   over the same alias list. Target: the bot costs at most 3x the bare call per question.
2. Synthetic knowledge of 1k, 10k and 100k aliases: how cost grows. Target: p99 <= 10 ms
   per answer at 10k aliases.
3. `osi-bot ask` cold start, installed from a wheel as users install it, vs
   `python -c "import rapidfuzz, yaml"`. Target: at most 1.5x.
4. Worst-case input: messages of the longest length read (MAX_QUESTION_CHARS), built to
   make each part of the reading work hardest, beside a bare `extractOne` over the same
   aliases for one such word. Target: at most 5 ms per answer.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process, utils

from bot.core.answering import answer
from bot.core.text import MAX_QUESTION_CHARS
from bot.loading.load import load_knowledge
from bot.loading.validation import build_knowledge

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [
    "what layer is metallb?",
    "envoy",
    "is calico layer 2?",
    "at which OSI layer does flannel run",
    "where does geneve encapsulation happen",
    "cilum",
    "<@U024BE7LH> what layer is *kube-proxy*?",
    "where do sticky sessions live",
    "what runs at layer 6",
    "the data-link layer",
    "what layer is lunch",
    "rabbitmq",
    "is metallb L4 or L7?",
    "which layer does cert-manager operate at",
    "hi",
    "trafik",
]


def _per_call_seconds(func, items, rounds: int) -> list[float]:
    timings = []
    for _ in range(rounds):
        for item in items:
            start = time.perf_counter()
            func(item)
            timings.append(time.perf_counter() - start)
    return timings


def _p(values: list[float], percentile: float) -> float:
    return (
        statistics.quantiles(values, n=100)[int(percentile) - 1] if len(values) > 1 else values[0]
    )


def _bare_extract_one(names: list[str]) -> Callable[[str], object]:
    """The baseline: one rapidfuzz extractOne over the same names, choices preprocessed once."""
    processed = [utils.default_process(n) for n in names]

    def bare(question: str) -> object:
        return process.extractOne(
            utils.default_process(question),
            processed,
            scorer=fuzz.WRatio,
            processor=None,
            score_cutoff=80,
        )

    return bare


def bundled_throughput(rounds: int) -> None:
    knowledge = load_knowledge()
    aliases = list(knowledge.index.spaced)
    bare = _bare_extract_one(aliases)

    def bot(question: str) -> object:
        return answer(knowledge, question)

    bare_t = _per_call_seconds(bare, QUESTIONS, rounds)
    bot_t = _per_call_seconds(bot, QUESTIONS, rounds)
    bare_mean, bot_mean = statistics.fmean(bare_t), statistics.fmean(bot_t)
    print(f"1. bundled knowledge ({len(aliases)} aliases, {len(QUESTIONS)} questions x {rounds})")
    print(
        f"   bare extractOne : {1 / bare_mean:10,.0f} answers/s  ({bare_mean * 1e6:7.1f} µs each)"
    )
    print(f"   osi-bot answer  : {1 / bot_mean:10,.0f} answers/s  ({bot_mean * 1e6:7.1f} µs each)")
    verdict = "ok" if bot_mean / bare_mean <= 3 else "OVER TARGET"
    print(f"   cost ratio bot/bare: {bot_mean / bare_mean:.2f}x (target <= 3x: {verdict})")


def _synthetic_name(rng: random.Random) -> str:
    length = rng.randint(5, 12)
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(length))


def synthetic_document(aliases: int, seed: int = 7) -> tuple[dict, list[str]]:
    """A valid knowledge document with about `aliases` names, and some of those names."""
    rng = random.Random(seed)
    base = load_knowledge_document()
    names: set[str] = set()
    entries = []
    while len(names) < aliases:
        entry_names = [_synthetic_name(rng) for _ in range(4)]
        entry_names = [n for n in entry_names if n not in names]
        if not entry_names:
            continue
        names.update(entry_names)
        entries.append(
            {
                "name": entry_names[0],
                "kind": "tool",
                "summary": "A synthetic tool.",
                "aliases": entry_names[1:],
                "layers": {rng.randint(1, 7): "Does synthetic things."},
            }
        )
    return {"version": 1, "layers": base["layers"], "entries": entries}, sorted(names)


def load_knowledge_document() -> dict:
    import yaml  # noqa: PLC0415

    return yaml.safe_load((ROOT / "knowledge" / "layers.yaml").read_text("utf-8"))


def scaling(sizes: list[int], questions_per_size: int) -> None:
    print("2. synthetic knowledge: latency per answer")
    print(f"   {'aliases':>8} {'bot p50':>9} {'bot p99':>9} {'bare p50':>9} {'bare p99':>9}")
    for size in sizes:
        document, names = synthetic_document(size)
        knowledge, problems = build_knowledge(document, f"<synthetic {size}>")
        assert knowledge is not None, problems
        rng = random.Random(size)
        questions = []
        for _ in range(questions_per_size):
            name = rng.choice(names)
            typo = name[:2] + name[3:] if len(name) > 6 else name
            questions.extend(
                [f"what layer is {name}?", f"is {typo} layer 3", "what layer is lunch today"]
            )
        bare = _bare_extract_one(names)

        bot_t = _per_call_seconds(lambda q, k=knowledge: answer(k, q), questions, 1)
        bare_t = _per_call_seconds(bare, questions, 1)
        ms = 1e3
        print(
            f"   {size:>8,} {_p(bot_t, 50) * ms:8.3f}ms {_p(bot_t, 99) * ms:8.3f}ms"
            f" {_p(bare_t, 50) * ms:8.3f}ms {_p(bare_t, 99) * ms:8.3f}ms"
            + ("   (target p99 <= 10 ms)" if size == 10_000 else "")
        )


def _random_word(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 9)))


def worst_case(rounds: int) -> None:
    """The slowest messages we know how to write, at the longest length the bot reads."""
    knowledge = load_knowledge()
    rng = random.Random(4)
    words = " ".join(_random_word(rng) for _ in range(MAX_QUESTION_CHARS // 4))
    log = "\n".join(
        f"2026-11-27 metallb calico envoy {_random_word(rng)} {_random_word(rng)}"
        for _ in range(MAX_QUESTION_CHARS // 40)
    )
    near = " ".join(rng.choice(["calcio", "envoi", "flanel", "cillium"]) for _ in range(800))
    messages = {
        "unknown words, no question mark": words[:MAX_QUESTION_CHARS],
        "unknown words, then 'this?'": words[: MAX_QUESTION_CHARS - 6] + " this?",
        "a pasted log, then 'which is this?'": log[: MAX_QUESTION_CHARS - 15] + "\nwhich is this?",
        "near-miss typos of names": near[:MAX_QUESTION_CHARS],
        "quoted lines, then 'this?'": ("> calico\n" * 500)[: MAX_QUESTION_CHARS - 5] + "this?",
    }
    bare = _bare_extract_one(list(knowledge.index.keys))
    bare_t = _p(_per_call_seconds(bare, ["calcio"], rounds), 50)
    print(f"4. worst-case input ({MAX_QUESTION_CHARS:,} characters; target <= 5 ms)")
    print(f"   bare extractOne of one word          : {bare_t * 1e3:6.3f} ms")
    for name, message in messages.items():
        seconds = _p(_per_call_seconds(lambda q: answer(knowledge, q), [message], rounds), 50)
        print(f"   {name:37s}: {seconds * 1e3:6.3f} ms")


def _run_seconds(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _interleaved(
    commands: dict[str, list[str]], runs: int, env: dict[str, str]
) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds per command, the commands taking turns run by run, so a
    busier moment of the machine weighs on all of them alike."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(_run_seconds(command, env))
    return {
        name: (statistics.median(w for w, _ in got), statistics.median(c for _, c in got))
        for name, got in samples.items()
    }


def cold_start(runs: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        wheels, target = Path(scratch) / "wheels", Path(scratch) / "site"
        pip = [sys.executable, "-m", "pip", "-q"]
        subprocess.run(
            [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(ROOT)],
            check=True,
            capture_output=True,
        )
        wheel = next(wheels.glob("*.whl"))
        # pip compiles bytecode at install time, as it does for every user's install.
        subprocess.run(
            [*pip, "install", "--no-deps", "--target", str(target), str(wheel)],
            check=True,
            capture_output=True,
        )
        ask = (
            f"import sys; sys.path.insert(0, {str(target)!r}); from bot.cli import main;"
            " sys.exit(main(['ask', 'what layer is metallb?']))"
        )
        cache = Path(scratch) / "cache"
        env = {**os.environ, "OSI_CACHE_DIR": str(cache)}
        # The very first run parses the YAML and fills the parsed-knowledge cache.
        first, _ = _run_seconds([sys.executable, "-c", ask], env)
        timings = _interleaved(
            {
                "bare": [sys.executable, "-c", "import rapidfuzz, yaml"],
                "bot": [sys.executable, "-c", ask],
            },
            runs,
            env,
        )
    (bare, bare_cpu), (bot, bot_cpu) = timings["bare"], timings["bot"]
    verdict = "ok" if bot / bare <= 1.5 else "OVER TARGET"
    print(f"3. cold start (medians of {runs} fresh processes each, taking turns)")
    ms = 1e3
    print(
        f"   python -c 'import rapidfuzz, yaml' : {bare * ms:6.1f} ms  (CPU {bare_cpu * ms:.1f} ms)"
    )
    print(
        f"   osi-bot ask (installed wheel)      : {bot * ms:6.1f} ms  (CPU {bot_cpu * ms:.1f} ms)"
    )
    print(f"   osi-bot ask, very first run        : {first * 1e3:6.1f} ms (parses the YAML)")
    ratios = f"{bot / bare:.2f}x wall, {bot_cpu / bare_cpu:.2f}x CPU"
    print(f"   ratio: {ratios} (target <= 1.5x: {verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny numbers, for a smoke run")
    quick = parser.parse_args().quick
    bundled_throughput(rounds=5 if quick else 300)
    scaling([1_000] if quick else [1_000, 10_000, 100_000], questions_per_size=5 if quick else 300)
    worst_case(rounds=3 if quick else 50)
    cold_start(runs=3 if quick else 31)


if __name__ == "__main__":
    main()
