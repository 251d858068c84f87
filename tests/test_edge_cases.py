"""Edge cases an author coming from Hugo or Pelican runs into."""
from __future__ import annotations

import io
import json
from pathlib import Path

from PIL import Image

from conftest import build, build_ok, run_site, soup, write_site

NO_DESCRIPTION = 'title = "Edge"\nbase_url = "https://example.org/"\n'


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_alias_under_posts_and_docs_redirects(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        "content/posts/new-name.md":
            "---\ntitle: New\ndate: 2024-01-01\naliases: [/posts/old-name/]\n---\nx\n",
        "content/docs/guide.md": "---\ntitle: Guide\naliases: [/docs/old-guide/]\n---\nx\n",
    })
    out = build_ok(root)
    for old, new in (("posts/old-name", "/posts/new-name/"), ("docs/old-guide", "/docs/guide/")):
        page = soup(out / old / "index.html")
        assert page.select_one('meta[http-equiv="refresh"]')["content"] == f"0; url={new}"


def test_summaries_on_lists_have_no_duplicate_ids_or_broken_footnotes(tmp_path: Path) -> None:
    posts = {f"content/posts/p{n}.md": f"---\ntitle: P{n}\ndate: 2024-01-0{n}\n---\n"
             f"![pic](https://example.org/x.png)\n\nText{n}[^1] here.\n\n"
             "## Part\n\nMore.\n\n[^1]: Note.\n"
             for n in range(1, 4)}
    root = write_site(tmp_path / "site", posts)
    out = build_ok(root)
    home = soup(out / "index.html")
    ids = [tag["id"] for tag in home.select("[id]")]
    assert len(ids) == len(set(ids))
    assert [s.get_text(strip=True) for s in home.select(".summary")] == \
        ["Text3 here.", "Text2 here.", "Text1 here."]
    description = soup(out / "posts/p1/index.html").select_one('meta[name="description"]')
    assert description["content"] == "Text1 here."
    assert run_site("check", "--root", root).returncode == 0


def test_front_matter_summary_renders_markdown_but_not_html(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        "content/posts/p.md":
            '---\ntitle: P\ndate: 2024-01-01\nsummary: "**Bold** and <i>raw</i>"\n---\nx\n'})
    out = build_ok(root)
    summary = soup(out / "index.html").select_one(".summary")
    assert summary.select_one("strong").get_text() == "Bold"
    assert summary.select("i") == [] and "<i>raw</i>" in summary.get_text()


def test_every_page_has_a_description_without_one_in_site_toml(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        "content/posts/p.md":
            "---\ntitle: P\ndate: 2024-01-01\ntags: [a]\ncategory: c\n---\nBody.\n"},
        NO_DESCRIPTION)
    out = build_ok(root)
    for page in out.rglob("*.html"):
        meta = soup(page).select_one('meta[name="description"]')
        assert meta is not None and meta["content"].strip(), page
    assert run_site("check", "--root", root).returncode == 0


def test_home_intro_without_title_uses_the_site_title(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {"content/index.md": "Just an intro.\n"}, NO_DESCRIPTION)
    assert soup(build_ok(root) / "index.html").select_one(".intro h1").get_text() == "Edge"


def test_a_home_intro_titled_by_its_body_shows_that_heading_alone(tmp_path: Path) -> None:
    """marimo's docs/index.md moved to content/index.md (the MkDocs guide's way): its title,
    "marimo - Documentation...", and its "# marimo: The Reactive Python Notebook", shown as
    Material shows them, the body's heading alone (there had been two <h1>), after the
    <style> marimo's home starts with."""
    root = write_site(tmp_path / "site", {
        "content/index.md": "---\ntitle: Site - Documentation for the tool\n---\n"
                            "<style>\n.hero { color: red; }\n</style>\n\n"
                            "# The Tool\n\nWelcome.\n"}, NO_DESCRIPTION)
    home = soup(build_ok(root) / "index.html")
    assert [h1.get_text() for h1 in home.select("h1")] == ["The Tool#"]
    assert home.select_one(".intro")["aria-labelledby"] == home.h1["id"]
    # (a home whose "# Projects" comes after its text keeps its title above it)
    (root / "content/index.md").write_text("---\ntitle: Welcome\n---\nHello.\n\n# Projects\n")
    home = soup(build_ok(root) / "index.html")
    assert [h1.get_text() for h1 in home.select("h1")] == ["Welcome", "Projects#"]
    assert home.select_one(".intro")["aria-labelledby"] == "intro-title"


def test_card_png_beside_a_post_is_an_error(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        "content/posts/x/index.md": "---\ntitle: X\ndate: 2024-01-01\n---\n![c](card.jpg)\n",
        "content/posts/x/card.jpg": png(10, 10)})
    result = build(root)
    assert result.returncode != 0
    assert "card.jpg: error: card.jpg beside a post is the name of its generated social card" \
        in result.stderr


def test_local_avatar_is_published_under_the_base_path(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        "content/authors.yml": "ann:\n  name: Ann\n  avatar: avatars/ann.png\n",
        "content/avatars/ann.png": png(96, 96),
        "content/posts/p.md": "---\ntitle: P\ndate: 2024-01-01\nauthor: ann\n---\nx\n",
    }, 'title = "E"\nbase_url = "https://example.org/blog/"\n')
    out = build_ok(root)
    avatar = soup(out / "authors/ann/index.html").select_one("img.avatar")
    assert avatar["src"] == "/blog/avatars/ann.png"
    assert (out / "avatars/ann.png").read_bytes() == png(96, 96)
    (root / "content/avatars/ann.png").unlink()
    result = build(root)
    assert result.returncode != 0 \
        and "authors.yml: error: avatar 'avatars/ann.png'" in result.stderr


def test_root_relative_links_are_checked(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        "content/about.md": "[ok](/posts/p/) [tags](/tags/) [file](/files/a.txt) [gone](/nope/)\n",
        "content/files/a.txt": "hello",
        "content/posts/p.md": "---\ntitle: P\ndate: 2024-01-01\n---\nx\n",
    })
    result = build(root)
    assert result.returncode != 0
    assert ("about.md:1: error: link to /nope/, which is not a page or file of this site"
            in result.stderr)
    (root / "content/about.md").write_text("[ok](/posts/p/) [tags](/tags/) [file](/files/a.txt)\n")
    out = build_ok(root)
    assert (out / "files/a.txt").read_text() == "hello"


def test_image_of_a_page_is_its_social_image(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        "content/about.md": "---\ntitle: About\nimage: me.png\n---\nx\n",
        "content/me.png": png(20, 20)})
    page = soup(build_ok(root) / "about/index.html")
    assert page.select_one('meta[property="og:image"]')["content"] == "https://example.org/me.png"


def test_api_post_html_has_absolute_urls(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        "content/posts/p/index.md":
            "---\ntitle: P\ndate: 2024-01-01\n---\n![d](d.png) [a](../../about.md)\n",
        "content/posts/p/d.png": png(5, 5), "content/about.md": "About.\n"})
    data = json.loads((build_ok(root) / "api/posts/p.json").read_text())
    assert 'src="https://example.org/posts/p/d.png"' in data["html"]
    assert 'href="https://example.org/about/"' in data["html"]


def test_symbols_keep_tags_apart(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        f"content/posts/p{n}.md": f"---\ntitle: P{n}\ndate: 2024-01-0{n}\ntags: [{tag}]\n---\nx\n"
        for n, tag in enumerate(['"C++"', '"C#"', "C"], start=1)})
    out = build_ok(root)
    tags = {p.name for p in (out / "tags").iterdir() if p.is_dir()}
    assert tags == {"c-plus-plus", "c-sharp", "c"}


def test_docs_without_an_index_get_a_generated_contents_page(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        "content/docs/a.md": "---\ntitle: Alpha\nweight: 1\n---\nx\n",
        "content/docs/b.md": "---\ntitle: Beta\nweight: 2\n---\nx\n"})
    page = soup(build_ok(root) / "docs/index.html")
    assert [a.get_text() for a in page.select(".docs-index a")] == ["Alpha", "Beta"]


def test_reading_time_counts_cjk_characters(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        "content/posts/p.md":
            "---\ntitle: P\ndate: 2024-01-01\n---\n" + "日本語の文章です。" * 150 + "\n"})
    # 8 characters x 150 = 1,200 words at 220 a minute: 6 minutes (it said 1 when a run of CJK
    # text counted as one word).
    byline = soup(build_ok(root) / "posts/p/index.html").select_one(".byline")
    assert "6 min read" in byline.get_text()


def test_missing_site_toml_is_a_warning(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {"content/about.md": "About.\n"}, config=None)
    result = build(root)
    assert result.returncode == 0
    assert "site.toml: warning: no site.toml" in result.stderr


def test_reading_time_is_220_words_a_minute_rounded_up(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        "content/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\n---\n" + "word " * 430 + "\n",
        "content/posts/b.md": "---\ntitle: B\ndate: 2024-01-02\n---\n" + "word " * 441 + "\n"})
    out = build_ok(root)
    assert "2 min read" in soup(out / "posts/a/index.html").select_one(".byline").get_text()
    assert "3 min read" in soup(out / "posts/b/index.html").select_one(".byline").get_text()
