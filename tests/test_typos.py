"""Misspelled and foreign keys in site.toml and front matter: each one is a warning with its
file, line and "did you mean ...?", or an error with ``[build] unknown_keys = "error"``."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DEFAULT_CONFIG, build, build_fixture, write_site
from sitegen.config import load_config
from sitegen.errors import AuthorErrors
from sitegen.spelling import closest

POST = "---\ntitle: Hello\ndate: 2024-01-01\n---\nHello.\n"


def warnings_of(root: Path, files: dict[str, str | bytes],
                config: str = DEFAULT_CONFIG) -> tuple[Path, list[str]]:
    """Build a fixture site; its build folder and each warning printed, with its hint."""
    out, stderr = build_fixture(root, files, config)
    blocks: list[str] = []
    for line in stderr.splitlines():
        if line.startswith("  ") and blocks:
            blocks[-1] += "\n" + line
        else:
            blocks.append(line)
    return out, [block for block in blocks if ": warning: " in block]

# (a line of site.toml, what it meant): top-level keys, keys of tables, tables, other
# generators' names, and a top-level switch written after a table.
SITE_TOML_TYPOS = [
    ('tittle = "x"', "title"),
    ('titel = "x"', "title"),
    ('descripton = "x"', "description"),
    ('baseurl = "https://example.org/"', "base_url"),
    ('baseURL = "https://example.org/"', "base_url"),
    ('base-url = "https://example.org/"', "base_url"),
    ('autor = "x"', "author"),
    ('languge = "en"', "language"),
    ('languageCode = "en"', "language"),
    ('time_zone = "UTC"', "timezone"),
    ("post_per_page = 3", "posts_per_page"),
    ("paginate = 3", "posts_per_page"),
    ("per_page = 3", "posts_per_page"),
    ("serch = false", "search"),
    ("social_card = false", "social_cards"),
    ("jsonapi = false", "json_api"),
    ("category = false", "categories"),
    ("paginate_term = false", "paginate_terms"),
    ("[buidl]\nbroken_links = \"warn\"", "build"),
    ("[build]\nbroken_link = \"warn\"", "broken_links"),
    ("[build]\nsearch_shards = 10", "search_shard_pages"),
    ("[build]\nsearch = false", "top-level setting"),
    ("[feeds]\nformat = [\"atom\"]", "formats"),
    ("[feeds]\nlimits = 5", "limit"),
    ("[feed]\nlimit = 5", "feeds"),
    ("[markdown]\nextension = []", "extensions"),
    ("[sections.posts]\npermalnk = \"/:slug/\"", "permalink"),
    ("[frontmatter]\nfields = []", "front_matter"),
    ("[param]\nx = 1", "params"),
]


@pytest.mark.parametrize("line, meant", SITE_TOML_TYPOS)
def test_each_site_toml_typo_is_a_warning_with_its_line_and_what_it_meant(
        tmp_path: Path, line: str, meant: str) -> None:
    config = DEFAULT_CONFIG + line + "\n"
    out, warnings = warnings_of(tmp_path, {"content/posts/hello.md": POST}, config)
    assert (out / "posts/hello/index.html").is_file()
    header_typo = line.startswith("[") and meant in ("build", "feeds", "front_matter", "params")
    number = DEFAULT_CONFIG.count("\n") + 1 + (0 if header_typo else line.count("\n"))
    expected_hint = meant if meant == "top-level setting" else f"did you mean '{meant}'?"
    found = [warning for warning in warnings if f"site.toml:{number}: warning: " in warning]
    assert len(found) == 1, warnings
    assert "unknown setting" in found[0] and expected_hint in found[0]


FRONT_MATTER_TYPOS = [
    ("tittle", "title"), ("titel", "title"), ("dat", "date"), ("tag", "tags"),
    ("tgas", "tags"), ("draf", "draft"), ("sumary", "summary"), ("descripton", "description"),
    ("catgory", "category"), ("slg", "slug"), ("aliasses", "aliases"), ("updatd", "updated"),
    ("wieght", "weight"), ("auther", "author"),
    ("hiden", "hidden"), ("templte", "template"), ("imgae", "image"),
    ("lastmodified", "last_modified"),
]


def test_each_front_matter_typo_is_a_warning_with_its_line_and_what_it_meant(
        tmp_path: Path) -> None:
    files = {f"content/posts/post-{index}.md":
             f"---\ntitle: Post {index}\ndate: 2024-01-01\n{typo}: x\n---\nText.\n"
             for index, (typo, _) in enumerate(FRONT_MATTER_TYPOS)}
    _, warnings = warnings_of(tmp_path, files)
    for index, (typo, meant) in enumerate(FRONT_MATTER_TYPOS):
        found = [warning for warning in warnings
                 if f"post-{index}.md:4: warning: unknown field '{typo}'" in warning]
        assert len(found) == 1, (typo, warnings)
        assert f"did you mean '{meant}'?" in found[0]


def test_one_warning_per_unknown_field_however_many_files_set_it(tmp_path: Path) -> None:
    files = {f"content/posts/post-{index}.md":
             f"---\ntitle: Post {index}\ndate: 2024-01-0{index}\nmood: happy\n---\nText.\n"
             for index in range(1, 6)}
    _, warnings = warnings_of(tmp_path, files)
    found = [warning for warning in warnings if "unknown field 'mood'" in warning]
    assert len(found) == 1
    assert "post-1.md:4" in found[0] and "and in 4 other files" in found[0]
    assert '[front_matter] fields = ["mood"]' in found[0]


def test_a_layout_field_is_said_to_have_no_use_not_to_be_a_template(tmp_path: Path) -> None:
    """Every Jekyll page's layout: post was met with "did you mean 'template'?", which would
    name a template the site does not have."""
    files = {"content/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\nlayout: post\n---\nT.\n"}
    _, warnings = warnings_of(tmp_path, files)
    found = [warning for warning in warnings if "unknown field 'layout'" in warning]
    assert len(found) == 1 and "did you mean" not in found[0]
    assert "a page is laid out by its kind" in found[0]


def test_declared_fields_and_params_are_not_unknown(tmp_path: Path) -> None:
    config = DEFAULT_CONFIG + '[params]\ntwitter = "@me"\n[front_matter]\nfields = ["mood"]\n'
    files = {"content/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\nmood: calm\n---\nText.\n",
             "templates/post.html": '{% extends "theme/post.html" %}{% block content %}'
                                    '<p id="mood">{{ page.meta.mood }} {{ config.params.twitter }}'
                                    '</p>{{ super() }}{% endblock %}'}
    out, warnings = warnings_of(tmp_path, files, config)
    assert not [warning for warning in warnings if "unknown" in warning]
    assert "calm @me" in (out / "posts/a/index.html").read_text(encoding="utf-8")


def test_a_misspelled_menu_key_says_what_it_meant(tmp_path: Path) -> None:
    config = DEFAULT_CONFIG + '[[menu]]\nnmae = "Posts"\nurl = "/posts/"\n'
    result = build(write_site(tmp_path, {"content/posts/hello.md": POST}, config))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "site.toml:8: error: each [[menu]] entry needs a 'name' and a 'url'" in result.stderr
    assert "did you mean 'name'?" in result.stderr


def test_unknown_keys_error_stops_the_build(tmp_path: Path) -> None:
    config = DEFAULT_CONFIG + 'tittle = "x"\n[build]\nunknown_keys = "error"\n'
    root = write_site(tmp_path, {"content/posts/a.md": POST.replace("title:", "titel: x\ntitle:")},
                      config)
    result = build(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "site.toml:7: error: unknown setting 'tittle'" in result.stderr
    assert not (root / "build").exists()
    (root / "site.toml").write_text(config.replace('tittle = "x"\n', ""), encoding="utf-8")
    result = build(root)
    assert result.returncode == 1
    assert "a.md:2: error: unknown field 'titel'" in result.stderr


def test_unknown_keys_setting_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "site.toml"
    path.write_text('[build]\nunknown_keys = "strict"\n', encoding="utf-8")
    with pytest.raises(Exception, match="unknown_keys must be"):
        load_config(path)
    path.write_text('[build]\nunknown_keys = "error"\nsearch_shard = 3\n', encoding="utf-8")
    with pytest.raises(AuthorErrors):
        load_config(path)


def test_closest_reads_other_generators_names_and_spelling() -> None:
    known = ["title", "base_url", "posts_per_page"]
    assert closest("baseURL", known, {"baseURL": "base_url"}) == "base_url"
    assert closest("Title", known) == "title"
    assert closest("posts-per-page", known) == "posts_per_page"
    assert closest("colour", known) is None
