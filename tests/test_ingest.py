"""Reading the input forms: .txt with and without sidecar, .html, .jsonl; ids and dates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from flows.ingest import article_id_of, discover, read_files

ARTICLE = (
    "Quang Tri unveils new provincial apparatus\n"
    "Quang Tri (VNA) - The Standing Committee of the Quang Tri Provincial Party Committee met on June 12.\n"
)


def _read(folder: Path) -> tuple[list, list]:
    result = read_files(discover(folder), folder)
    return [row for _, row in result.articles], result.errors


def test_txt_with_sidecar_takes_its_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    meta = {"url": "https://example.org/a", "published": "2025-06-12", "title": "Meta title", "source": "example.org"}
    (tmp_path / "a.meta.json").write_text(json.dumps(meta))
    [row], errors = _read(tmp_path)
    assert errors == []
    assert row["published"] == date(2025, 6, 12) and row["published_basis"] == "meta"
    assert (row["url"], row["title"], row["outlet"], row["source"]) == (
        meta["url"],
        "Meta title",
        "example.org",
        "a.txt",
    )
    assert row["article_id"] == article_id_of(ARTICLE)[0] and row["n_chars"] == len(ARTICLE)


def test_txt_without_sidecar_takes_its_first_line_as_title(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    [row], _ = _read(tmp_path)
    assert row["title"] == "Quang Tri unveils new provincial apparatus"
    assert row["published_basis"] in ("inferred", "unknown")


def test_an_impossible_published_date_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "2025-02-30"}))
    rows, errors = _read(tmp_path)
    assert rows == [] and errors[0].file == "a.txt" and "not an ISO date" in errors[0].problem


def test_crlf_text_keeps_exact_offsets(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ARTICLE.replace("\n", "\r\n").encode())
    [row], _ = _read(tmp_path)
    assert row["text"] == ARTICLE.replace("\n", "\r\n")


def test_jsonl_gives_one_article_per_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": ARTICLE, "url": "https://example.org/1", "published": "2025-06-12"}),
        "",
        "{broken",
        json.dumps({"text": ARTICLE + "More.", "title": "Second"}),
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines))
    rows, errors = _read(tmp_path)
    assert [r["source"] for r in rows] == ["batch.jsonl#1", "batch.jsonl#4"]
    assert rows[0]["url"] == "https://example.org/1" and rows[1]["title"] == "Second"
    assert [e.file for e in errors] == ["batch.jsonl#3"]


def test_html_main_text_is_extracted(tmp_path: Path) -> None:
    paragraphs = "".join(
        f"<p>The Prime Minister asked ministries to finish the review by June {d}, 2025, "
        "and report to the Government.</p>"
        for d in (10, 20, 30)
    )
    html = (
        "<html><head><title>Government meeting</title><script>var x = 1;</script>"
        "<style>p {color: red}</style></head><body><nav>Home | World</nav>"
        f"<article><h1>Government meeting</h1>{paragraphs}</article><footer>Copyright</footer></body></html>"
    )
    (tmp_path / "page.html").write_text(html)
    [row], errors = _read(tmp_path)
    assert errors == []
    assert "finish the review by June 20, 2025" in row["text"]
    assert "var x" not in row["text"] and "color: red" not in row["text"]
    assert row["title"] == "Government meeting"


def test_discover_ignores_sidecars_and_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "a.meta.json").write_text("{}")
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    (tmp_path / "notes.md").write_text("x")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.txt").write_text(ARTICLE)
    assert [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)] == ["a.txt", "sub/b.txt"]


VIETNAMESE = (
    "Bộ Chính trị đã họp và cho ý kiến về đề án sắp xếp đơn vị hành chính cấp tỉnh. "
    "Theo đề án, cả nước sẽ còn 34 đơn vị hành chính cấp tỉnh sau khi sắp xếp, trong đó có "
    "28 tỉnh và 6 thành phố trực thuộc trung ương. Chính quyền địa phương hai cấp sẽ hoạt động từ ngày 1/7."
)


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ARTICLE.encode("utf-16"))
    [row], errors = _read(tmp_path)
    assert errors == [] and row["text"] == ARTICLE


def test_a_vietnamese_language_article_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "vi.txt").write_text(VIETNAMESE)
    rows, errors = _read(tmp_path)
    assert rows == [] and errors[0].file == "vi.txt" and errors[0].problem.startswith("not English")


def test_huge_inputs_are_skipped_without_reading_them(tmp_path: Path) -> None:
    with (tmp_path / "big.txt").open("w") as f:  # 50 MB of prose
        for _ in range(50):
            f.write((ARTICLE * 12000)[: 1024 * 1024])
    (tmp_path / "line.txt").write_text("word " * (1024 * 1024))  # one 5 MB line
    rows, errors = _read(tmp_path)
    assert rows == []
    assert {e.file: e.problem.split(",")[0] for e in errors} == {"big.txt": "file is 52", "line.txt": "file is 5"}
    assert all("over the 4,000,000-byte limit" in e.problem for e in errors)


def test_unreadable_files_and_symlink_loops_are_reported(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "loop1.txt").symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(tmp_path / "loop1.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)  # a folder loop
    rows, errors = _read(tmp_path)
    assert [r["source"] for r in rows] == ["good.txt"]
    problems = {e.file: e.problem for e in errors}
    assert set(problems) == {"dangling.txt", "loop1.txt", "loop2.txt"}
    assert all(p.startswith("cannot read file: ") for p in problems.values())
