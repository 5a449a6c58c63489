"""`osi-bot curation`'s report on a known log: counts, order, examples, text and JSON."""

from __future__ import annotations

from bot.ops.curation import CurationRecord, RecordKind
from bot.ops.curation_report import CurationReport, DisputedEntry, UnknownTerm, build_report

U, D, R, C = RecordKind.UNKNOWN, RecordKind.DOWN, RecordKind.RETRACTED, RecordKind.COMMENT


def record(
    kind: RecordKind, subject: str, question: str, comment: str | None = None
) -> CurationRecord:
    answer = None if kind is U else f"{subject}: L7"
    return CurationRecord(kind, "slack", subject, question, answer, comment)


KNOWN_LOG = [
    record(U, "gateway api", "what layer is gateway api"),
    record(U, "ebpf", "is ebpf l3?"),
    record(U, "gateway api", "is gateway api l7"),
    record(D, "Envoy", "which layer is envoy"),
    record(C, "Envoy", "which layer is envoy", "Envoy is L7 only"),
    record(D, "Envoy", "envoy layer?"),
    record(D, "Calico", "calico"),
    record(R, "Calico", "calico"),  # changed to 👍: no longer disputed
    record(D, "Istio", "istio"),
    record(U, "gateway api", "what layer is gateway api"),
]


def test_the_report_on_a_known_log() -> None:
    report = build_report(KNOWN_LOG)
    assert report == CurationReport(
        records=10,
        unknown_terms=(
            UnknownTerm("gateway api", 3, ("what layer is gateway api", "is gateway api l7")),
            UnknownTerm("ebpf", 1, ("is ebpf l3?",)),
        ),
        disputed=(
            DisputedEntry(
                "Envoy",
                2,
                "Envoy: L7",
                ("Envoy is L7 only",),
                ("envoy layer?", "which layer is envoy"),
            ),
            DisputedEntry("Istio", 1, "Istio: L7", (), ("istio",)),
        ),
    )


def test_limit_keeps_the_top_of_each_list() -> None:
    report = build_report(KNOWN_LOG, limit=1)
    assert [t.term for t in report.unknown_terms] == ["gateway api"]
    assert [d.entry for d in report.disputed] == ["Envoy"]


def test_the_report_as_text() -> None:
    text = build_report(KNOWN_LOG).as_text("/state/curation.sqlite3")
    assert text.splitlines() == [
        "Curation report: 10 record(s) in /state/curation.sqlite3.",
        "",
        "Most asked unknown terms (add them to the knowledge file):",
        "     3  gateway api  e.g. “what layer is gateway api”, “is gateway api l7”",
        "     1  ebpf  e.g. “is ebpf l3?”",
        "",
        "Most disputed entries (check what the knowledge file says):",
        "     2  Envoy  (answered Envoy: L7, 1 comment(s))",
        "        asked: “envoy layer?”, “which layer is envoy”",
        "        wrong: “Envoy is L7 only”",
        "     1  Istio  (answered Istio: L7)",
        "        asked: “istio”",
    ]


def test_the_report_as_json() -> None:
    data = build_report(KNOWN_LOG, limit=1).as_dict()
    assert data == {
        "records": 10,
        "unknown_terms": [
            {
                "term": "gateway api",
                "asked": 3,
                "examples": ["what layer is gateway api", "is gateway api l7"],
            }
        ],
        "disputed_entries": [
            {
                "entry": "Envoy",
                "disputes": 2,
                "answer": "Envoy: L7",
                "comments": ["Envoy is L7 only"],
                "examples": ["envoy layer?", "which layer is envoy"],
            }
        ],
    }


def test_an_empty_log_says_how_to_fill_it() -> None:
    text = build_report([]).as_text("/state/curation.sqlite3")
    assert "Nothing kept yet" in text
    assert "OSI_CURATION_LOG=true" in text
