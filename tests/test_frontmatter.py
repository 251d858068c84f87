"""Unit tests of sitegen/frontmatter.py: the values of ``Key: value`` header lines (Pelican's,
MultiMarkdown's), which have no types of their own."""
from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sitegen.errors import AuthorError
from sitegen.frontmatter import split_source, title_from_body, validate_meta

PATH = Path("content/posts/p.md")
UTC = ZoneInfo("UTC")


def header_meta(lines: str) -> dict[str, object]:
    """The checked front matter of a source whose header lines are ``lines``."""
    return validate_meta(split_source(f"Title: A\n{lines}\n\nBody.\n", PATH), PATH, UTC)


def test_header_lines_set_flags_with_true_and_false_in_any_case() -> None:
    meta = header_meta("Draft: TRUE\nHidden: false\nToc: False")
    assert meta["draft"] is True and meta["hidden"] is False and meta["toc"] is False


def test_a_header_lines_whole_number_is_the_weight() -> None:
    assert header_meta("Weight: 3")["weight"] == 3
    assert header_meta("Weight: -12")["weight"] == -12


def test_other_header_values_stay_text() -> None:
    meta = header_meta("Summary: true\nSlug: 42")
    assert meta["summary"] == "true" and meta["slug"] == "42"


def test_published_false_in_header_lines_is_a_draft() -> None:
    assert header_meta("Published: false")["draft"] is True


@pytest.mark.parametrize(("lines", "words"), [
    ("Draft: yes", ("'draft' must be true or false", "'yes'")),
    ("Weight: 2.5", ("'weight' must be a number", "'2.5'")),
    ("Weight: ３", ("'weight' must be a number",)),  # (a digit, but not one of 0-9)
    ("Weight: " + "9" * 5000, ("'weight' must be a number",)),  # (past int()'s own limit)
])
def test_other_header_values_for_flags_and_weight_are_one_clear_error(
        lines: str, words: tuple[str, ...]) -> None:
    with pytest.raises(AuthorError) as raised:
        header_meta(lines)
    assert raised.value.line == 2 and all(word in str(raised.value) for word in words)


def test_an_alias_with_a_fragment_is_left_out_with_a_warning() -> None:
    """OpenSearch's redirect_from: /dashboards/#discover-and-dashboard-search-bar, which no
    browser sends and no redirect answers: left out, named at its line (the build had
    stopped); so is staeiou's WordPress /wordpress/?p=5 (a query no static host tells
    apart: 61 posts stopped the build). A path that is wrong besides is still an error."""
    text = "---\ntitle: A\nredirect_from:\n  - /old/\n  - /dashboards/#search-bar\n---\nB.\n"
    warnings: list[AuthorError] = []
    meta = validate_meta(split_source(text, PATH), PATH, UTC, warnings)
    assert meta["aliases"] == ["/old/"]
    [warning] = warnings
    assert warning.line == 5 and "has a fragment ('#')" in str(warning)
    warnings.clear()
    query = text.replace("/dashboards/#search-bar", "/wordpress/?p=5")
    assert validate_meta(split_source(query, PATH), PATH, UTC, warnings)["aliases"] == ["/old/"]
    assert [(warning.line, "has a query ('?')" in str(warning)) for warning in warnings] == [
        (5, True)]
    with pytest.raises(AuthorError) as raised:
        validate_meta(split_source(text.replace("#search-bar", "\\x?q=1"), PATH), PATH, UTC)
    assert "backslash" in str(raised.value)


def test_a_url_of_empty_segments_is_squeezed_as_jekyll_does() -> None:
    """staeiou's 62 posts, permalink: /posts/2007/05/the-facticity-of-art// , which Jekyll
    served at /posts/2007/05/the-facticity-of-art/ (the build had stopped)."""
    text = "---\ntitle: A\npermalink: /posts/2007//05/art// \n---\nB.\n"
    assert validate_meta(split_source(text, PATH), PATH, UTC)["url"] == "/posts/2007/05/art/"


def test_a_tag_yaml_reads_as_a_number_says_to_quote_it() -> None:
    """Rocky Linux's release notes, tags: [9.0, 9.0 release]: YAML reads 9.0 as a number,
    and the message says so, with the tag in quotes as the way out (15 files)."""
    source = split_source("---\ntitle: A\ntags: [9.0, 9.0 release]\n---\nBody.\n", PATH)
    with pytest.raises(AuthorError) as raised:
        validate_meta(source, PATH, UTC)
    assert raised.value.line == 3 and "YAML reads 9.0 as a number" in str(raised.value)
    assert 'tags: ["9.0"]' in (raised.value.hint or "")


@pytest.mark.parametrize(("written", "read"), [('"true"', True), ("'False'", False)])
def test_a_quoted_true_in_yaml_is_read_as_hugo_reads_it_and_says_so(written: str,
                                                                   read: bool) -> None:
    """shapeshed's draft = "true": Hugo reads the text as the boolean (cast.ToBool)."""
    source = split_source(f"---\ntitle: A\ndraft: {written}\n---\nBody.\n", PATH)
    warnings: list[AuthorError] = []
    assert validate_meta(source, PATH, UTC, warnings)["draft"] is read
    [warning] = warnings
    assert warning.line == 3 and "(in quotes): read as" in str(warning)
    assert "without quotes" in (warning.hint or "")


def set_twice(text: str) -> list[tuple[int | None, str]]:
    """The "set twice" warnings of a source ``text``: line and message."""
    warnings: list[AuthorError] = []
    validate_meta(split_source(text, PATH), PATH, UTC, warnings)
    return [(warning.line, warning.message) for warning in warnings
            if "set twice" in warning.message]


def test_a_field_set_twice_is_a_warning_at_the_line_that_sets_it_again() -> None:
    # (the parsers keep the last value and drop the first without a word)
    assert set_twice("Title: A\nDraft: true\nDraft: false\n\nBody.\n") == [
        (3, "field 'Draft' is set twice")]
    assert set_twice("---\ntitle: A\ndraft: true\ntags: [a]\ndraft: false\n---\nBody.\n") == [
        (5, "field 'draft' is set twice")]
    assert set_twice("---\ntitle: A\ndraft: true\nDraft: false\n---\nBody.\n") == [
        (4, "field 'Draft' is set twice")]


def test_nested_values_texts_and_tables_do_not_set_a_field_twice() -> None:
    assert set_twice("---\ntitle: A\nsummary: |\n  title: a text\nparams:\n  title: B\n"
                     "---\nBody.\n") == []
    assert set_twice('+++\ntitle = "A"\n[params]\ntitle = "B"\n+++\nBody.\n') == []
    assert set_twice("Title: A\nSummary: one\n  Title: two\n\nBody.\n") == []


def checked(text: str) -> tuple[dict[str, object], list[tuple[int | None, str]]]:
    """The checked front matter of a source ``text``, and its warnings' lines and messages."""
    warnings: list[AuthorError] = []
    meta = validate_meta(split_source(text, PATH), PATH, UTC, warnings)
    return meta, [(warning.line, warning.message) for warning in warnings]


def test_a_summary_that_is_a_list_is_left_out_with_a_warning() -> None:
    """dvhthomas' summary: [In which I learn ..., and how ...] (its comma read as a list's)
    and summary: [], which Hugo reads as no summary: the build had stopped."""
    meta, warnings = checked("---\ntitle: A\nsummary: [One, two]\n---\nA.\n")
    assert "summary" not in meta
    assert warnings == [(3, "'summary' is a list, ['One', 'two'], not text: left out (the "
                            "first paragraph is the summary)")]


def test_a_url_of_another_site_is_data_left_out_with_a_warning() -> None:
    """github/explore's topics: ``url`` is the project's home page, data in Jekyll."""
    meta, warnings = checked("---\ntitle: Ruby\nurl: https://www.ruby-lang.org/\n---\nRuby.\n")
    assert "url" not in meta
    assert warnings == [(3, "url 'https://www.ruby-lang.org/' is another site's address, not "
                            "this page's: left out (the page is published at its own URL)")]
    assert checked("---\ntitle: A\nurl: ruby/\n---\nA.\n")[0]["url"] == "/ruby/"
    # (2042ed's permalink: https://2042.substack.com/p/948, a post Material published at
    # its own address: it had been published at /https:/2042.substack.com/p/948/)
    meta, warnings = checked("---\ntitle: A\npermalink: https://x.example/p/9\n---\nA.\n")
    assert "url" not in meta and [line for line, _ in warnings] == [3]
    assert warnings[0][1].startswith("permalink 'https://x.example/p/9' is another site's")


def test_aliases_of_nothing_are_none_and_a_text_of_several_is_left_out() -> None:
    """github/explore's ``aliases:`` (empty) and ``aliases: 3d-printing, 3d-graphics``."""
    assert checked("---\ntitle: A\naliases:\n---\nA.\n") == ({"title": "A", "aliases": []}, [])
    meta, warnings = checked("---\ntitle: A\naliases: 3d-printing, 3d-graphics\n---\nA.\n")
    assert meta["aliases"] == []
    assert warnings == [(3, "aliases '3d-printing, 3d-graphics' is a text of several names, "
                            "not a list of old URLs: left out")]
    assert checked("---\ntitle: A\naliases: old-name\n---\nA.\n")[0]["aliases"] == ["old-name"]


@pytest.mark.parametrize("fence", ["---", "+++"])
def test_front_matter_after_blank_lines_is_read_as_hugo_reads_it(fence: str) -> None:
    """buildpacks' docs start with a blank line, then ``+++``: their titles and aliases."""
    field = 'title: "Mount"' if fence == "---" else 'title = "Mount"'
    source = split_source(f"\n \n{fence}\n{field}\n{fence}\nBody.\n", PATH)
    assert source.meta == {"title": "Mount"} and source.body == "Body.\n"
    assert source.line_of("title") == 4 and source.body_line == 6
    # (without a closing line, the first line is a thematic break of the body's)
    assert split_source(f"\n{fence}\nText.\n", PATH).meta == {}
    for broken in ("\n---\ntitle: [\n---\nA.\n", "\n+++\ntitle = 1 2\n+++\nA.\n"):
        with pytest.raises(AuthorError) as raised:
            split_source(broken, PATH)
        assert raised.value.line == 3


def test_a_heading_that_shows_an_image_is_no_title() -> None:
    """copier's README as docs/index.md: # ![Copier](logo.png) is shown, not a title."""
    body = "# ![Copier](https://example.org/logo.png)\n\nText.\n"
    assert title_from_body(body) == (None, body)
    assert title_from_body("# Install **Typer**\n\nText.\n")[0] == "Install **Typer**"


def test_a_slug_of_a_dot_is_pelican_s_home_page() -> None:
    """iKevinY's pages/Index.md, Slug: . (saved as ./index.html): the home page's text."""
    meta, warnings = checked("Title: Home\nSlug: .\n\nWelcome.\n")
    assert "slug" not in meta
    assert warnings == [(2, "slug '.' (a page at the site's root, as Pelican writes it) is "
                            "not used: the home page's text is content/index.md")]
    home = Path("content/index.md")
    warned: list[AuthorError] = []
    meta = validate_meta(split_source("Title: Home\nSlug: .\n\nHi.\n", home), home, UTC, warned)
    assert "slug" not in meta and warned == []


def test_jekyll_s_fields_in_pelican_s_header_lines_are_left_out() -> None:
    """rtaibah's articles, moved from WordPress by way of Jekyll: permalink and categories
    lines that Pelican does not read gave 168 posts other addresses without a word."""
    meta, warnings = checked("Title: Tux\nDate: 2009-09-09\npermalink: /linux/tux/\n"
                             "categories: linux, microsoft\n\nText.\n")
    assert "url" not in meta and "category" not in meta and "categories" not in meta
    assert [line for line, _ in warnings] == [3, 4]
    assert checked("---\ntitle: A\npermalink: /a/\n---\nA.\n")[0]["url"] == "/a/"


def test_a_percent_encoded_url_and_a_slug_ending_in_a_slash_are_read() -> None:
    """simplystats' permalink /2015/03/14/%cf%80-day-special/ (Jekyll writes the file at
    the decoded path), and carlosbecker's slug: goreleaser-snap-travis/ (Hugo took it):
    both stopped the build."""
    meta, warnings = checked("---\ntitle: Pi\npermalink: /2015/03/14/%cf%80-day-special/\n"
                             "slug: goreleaser-snap-travis/\n---\nA.\n")
    assert meta["url"] == "/2015/03/14/\u03c0-day-special/"
    assert meta["slug"] == "goreleaser-snap-travis" and warnings == []


def test_a_title_s_escaped_hash_is_kept() -> None:
    """rfernandezdo's # Starting in c\\# (a closing run of # goes, an escaped one stays)."""
    assert title_from_body("# Starting in c\\#\n\nText.\n")[0] == "Starting in c\\#"
    assert title_from_body("# Title ##\n")[0] == "Title"


def test_header_lines_opened_by_dashes_and_ended_by_a_blank_line() -> None:
    """rtaibah's '---' then Key: value lines then a blank line, which Python-Markdown's meta
    (Pelican's reader) reads: it stopped the build as front matter never closed."""
    source = split_source("---\ntitle: Geeks\ntags: Unix, Linux\n\nOn February 13.\n", PATH)
    assert source.meta == {"title": "Geeks", "tags": "Unix, Linux"}
    assert source.body == "\nOn February 13.\n" and source.body_line == 4
    assert source.line_of("tags") == 3
    with pytest.raises(AuthorError):
        split_source("---\nJust text, no fields.\n", PATH)
    with pytest.raises(AuthorError):  # (YAML's closing line forgotten: no blank line either)
        split_source("---\ntitle: Oops\nThe body.\n", PATH)
    assert checked("---\ntitle: Geeks\n\nOn.\n")[1] == [
        (1, "the front matter that '---' opens is closed by a blank line: read as Key: value "
            "header lines, as Python-Markdown's meta reads them")]


def test_an_author_written_as_a_table_without_a_name_is_left_out() -> None:
    """crystal's books list their authors as tables of a description and an image: one
    without a name is no author (its table was shown as the author's name)."""
    meta, warnings = checked("---\ntitle: Book\nauthors:\n  - description: <b>G</b>\n"
                             "    image: g.png\n  - name: Ada\n---\nText.\n")
    assert meta["author"] == "Ada"
    assert warnings == [(3, "1 author(s) written as a table without a 'name' are left out")]
    meta, warnings = checked("---\ntitle: Book\nauthors:\n  - description: x\n---\nText.\n")
    assert "author" not in meta and len(warnings) == 1


def test_a_wordpress_import_s_author_and_status_are_read() -> None:
    """fzakaria's 116 posts imported from WordPress (jekyll-import): author: {display_name,
    login, email}, which stopped the build ('author' must be text), and status: publish."""
    meta, warnings = checked("---\ntitle: Locked in\nstatus: publish\nauthor:\n"
                             "  display_name: fzakaria\n  login: fzakaria\n  email: f@e.org\n"
                             "---\nText.\n")
    assert (meta["author"], "status" in meta, "draft" in meta, warnings) == (
        "fzakaria", False, False, [])


def test_a_template_tag_in_the_summary_is_named_at_its_line() -> None:
    """aegis4048's Summary: {% notebook ... %}, shown on every list and feed as written."""
    _, warnings = checked("Title: A\nSummary: {% notebook nb.ipynb cells[1:2] %}\n\nBody.\n")
    assert warnings == [(2, "summary: '{% notebook nb.ipynb cells[1:2] %}' (a Liquid tag) is "
                            "shown as text")]
    assert checked("Title: A\nSummary: A {plain} word.\n\nBody.\n")[1] == []


def test_an_author_of_several_links_is_its_text_linked_to_the_first() -> None:
    """docsy.dev's bylines, which Docsy renders as Markdown; one link alone stays as it is
    (the author's name and website: sitegen.assemble)."""
    meta, warnings = checked("---\ntitle: A\nauthor: >-\n  [Patrice Chalin](https://c.example)"
                             " ([CNCF](https://www.cncf.io/)),\n  for the [Committee](/x/)\n"
                             "---\nB.\n")
    assert meta["author"] == "[Patrice Chalin (CNCF), for the Committee](https://c.example)"
    assert [line for line, message in warnings if message.startswith("'author'")] == [3]
    meta, warnings = checked("---\ntitle: A\nauthor: '[Ada](https://ada.example)'\n---\nB.\n")
    assert (meta["author"], warnings) == ("[Ada](https://ada.example)", [])


def test_a_param_in_the_summary_is_named_as_not_replaced() -> None:
    """Flink's excerpt with {{< param DocsBaseUrl >}}, which is set: Hugo runs no shortcode
    in front matter, and a summary's is not replaced here either; the hint says so."""
    warnings: list[AuthorError] = []
    validate_meta(split_source("---\ntitle: A\nsummary: See {{< param Docs >}}x.\n---\nB.\n",
                               PATH), PATH, UTC, warnings)
    assert [warning.hint for warning in warnings] == [
        "write the value itself: as in Hugo, which runs no shortcode in front matter, a "
        "summary's is not replaced"]


def test_a_utc_offset_of_three_digits_is_hours_and_minutes() -> None:
    """travisdowns' date: 2019-03-18 23:00:00 -300, which Jekyll's Ruby reads as -03:00 (the
    post was on 19 March in UTC); it had been no date, and the file's day used."""
    meta, warnings = checked("---\ntitle: A\ndate: 2019-03-18 23:00:00 -300\n---\nText.\n")
    assert warnings == [] and str(meta["date"]) == "2019-03-19 02:00:00+00:00"


@pytest.mark.parametrize(("written", "read"), [
    ("2018-02-09 00:16:07 UTC", "2018-02-09 00:16:07+00:00"),
    ("2018-02-09 00:16:07 +0000 UTC", "2018-02-09 00:16:07+00:00"),
    ("2018-02-08 19:16 EST", "2018-02-09 00:16:00+00:00"),
    ("2022-01-23 10:00 PM", "2022-01-23 22:00:00+00:00"),
    ("2022-01-23 12:30 am", "2022-01-23 00:30:00+00:00"),
])
def test_a_time_zone_by_name_and_a_twelve_hour_clock_are_read(written: str, read: str) -> None:
    """Apache Drill's date: 2018-02-09 00:16:07 UTC (a post had moved to its file name's
    day, and two lost their time), Go's "+0000 UTC" too, and a time of a 12-hour clock, as
    Jekyll's Ruby (and Pelican's dateutil) read them."""
    meta, warnings = checked(f"---\ntitle: A\ndate: {written}\n---\nText.\n")
    assert (str(meta["date"]), warnings) == (read, [])


@pytest.mark.parametrize(("written", "message"), [
    ("2018-02-09 00:16 XYZ", "its time zone 'XYZ' is not one known by name"),
    ("2022-01-23 13:00 PM", "the hour of a 12-hour clock is 1 to 12"),
])
def test_an_unknown_time_zone_name_or_hour_is_said(written: str, message: str) -> None:
    with pytest.raises(AuthorError, match=message):
        checked(f"---\ntitle: A\ndate: {written}\n---\nText.\n")


def test_a_date_with_the_year_last_is_read_where_its_day_is_plain() -> None:
    """Drill's docs page date: "23/01/2022", which Jekyll's Ruby reads day first (the build
    had stopped); 01/23/2022 is read as Pelican's dateutil reads it; 01/02/2022, which they
    read as two days, is an error."""
    for written in ("23/01/2022", "01/23/2022"):
        meta, warnings = checked(f'---\ntitle: A\ndate: "{written}"\n---\nText.\n')
        assert (str(meta["date"]), warnings) == ("2022-01-23 00:00:00+00:00", []), written
    with pytest.raises(AuthorError, match="'01/02/2022' is not a date"):
        checked('---\ntitle: A\ndate: "01/02/2022"\n---\nText.\n')


def test_a_date_in_quotes_in_header_lines_is_the_date() -> None:
    """infra.apache.org's posts write date: '2025-04-22', which Pelican's dateutil reads."""
    text = "Title: A\ndate: '2023-11-17T01:55:55+00:00'\nModified: \"2025-04-22\"\n\nBody.\n"
    meta = validate_meta(split_source(text, PATH), PATH, UTC)
    assert meta["date"].isoformat() == "2023-11-17T01:55:55+00:00"
    assert meta["updated"].isoformat() == "2025-04-22T00:00:00+00:00"
    assert header_meta("Summary: 'quoted'")["summary"] == "'quoted'"


def test_a_body_line_with_a_colon_after_header_lines_is_text() -> None:
    """A key has no space, as Python-Markdown's metadata reads them (Pelican): a post whose
    first line, right under its Category:, ends with a colon keeps it as its text."""
    source = split_source("Title: A\nCategory: memo\nThe list of programs is the combination "
                          "of:\nmimeinfo.cache\n", PATH)
    assert set(source.meta) == {"Title", "Category"}
    assert source.body.startswith("The list of programs is the combination of:\n")


@pytest.mark.parametrize(("text", "meta"), [
    ("description: Tasmota FAQ\n\n## Wi-Fi\n", {"description": "Tasmota FAQ"}),
    ("redirect: /Rules/#rule-cookbook\n", {"redirect": "/Rules/#rule-cookbook"}),
    ("Note: keep it short.\n\nText.\n", {}),
    ("Description: one\nNote: two\n\nText.\n", {})])
def test_header_lines_of_known_fields_alone_are_metadata(text: str,
                                                         meta: dict[str, str]) -> None:
    """MkDocs reads Key: value lines at a page's top as its metadata whatever they set
    (Tasmota's pages have only a description, or a redirect); lines that name other fields
    without a title or a date stay text ("Note: ...")."""
    assert split_source(text, PATH).meta == meta


@pytest.mark.parametrize(("written", "weight"), [("09", 9), ('"3"', 3), ("'010'", 10)])
def test_a_weight_of_digits_in_text_is_that_number(written: str, weight: int) -> None:
    """The EKS Workshop's weight: 09, which YAML 1.1 reads as text (no octal number holds a
    9) and Hugo as 9; a weight in quotes too. Other text is still an error."""
    text = f"---\ntitle: A\nweight: {written}\n---\nB.\n"
    assert validate_meta(split_source(text, PATH), PATH, UTC)["weight"] == weight
    with pytest.raises(AuthorError):
        validate_meta(split_source("---\ntitle: A\nweight: '9a'\n---\nB.\n", PATH), PATH, UTC)


def test_pelican_alias_s_field_is_a_list_split_at_its_commas() -> None:
    """willwolf's Alias: lines (the pelican_alias plugin, ALIAS_DELIMITER ",")."""
    meta, warnings = checked("Title: A\nDate: 2020-03-12\nAlias: /a/b/, /c/d/\n\nText.\n")
    assert (meta["aliases"], warnings) == (["/a/b/", "/c/d/"], [])
    meta, warnings = checked("---\ntitle: A\nalias: jdoe\n---\nText.\n")  # (a Hugo site's
    assert "aliases" not in meta and meta["alias"] == "jdoe"  # nickname: an unknown field)


def test_a_year_alone_is_its_first_day_with_a_warning() -> None:
    """rednafi's feed pages, date: 2025 (a YAML whole number)."""
    meta, warnings = checked("---\ntitle: A\ndate: 2025\n---\nB.\n")
    assert str(meta["date"]) == "2025-01-01 00:00:00+00:00"
    assert warnings == [(3, "'date': 2025 is a year alone: read as 1 January 2025")]
    with pytest.raises(AuthorError):
        checked("---\ntitle: A\ndate: 20251\n---\nB.\n")


def test_a_minute_of_one_digit_is_read() -> None:
    """tmy.se's Date: 2020-04-23 19:6, which Pelican's dateutil reads as 19:06."""
    meta, warnings = checked("Title: A\nDate: 2020-04-23 19:6\n\nB.\n")
    assert (str(meta["date"]), warnings) == ("2020-04-23 19:06:00+00:00", [])


def test_a_time_of_minutes_and_zero_fraction_is_read() -> None:
    """onevcat's date: 2025-10-14 00:10.000000000 +09:00, which Jekyll's Ruby reads."""
    meta, warnings = checked("---\ntitle: A\ndate: 2025-10-14 00:10.000000000 +09:00\n---\nB.\n")
    assert (str(meta["date"]), warnings) == ("2025-10-13 15:10:00+00:00", [])


def test_an_empty_weight_is_none() -> None:
    """simpleit's post template leaves "weight: # order in a category", which Jekyll reads
    as nil."""
    for written in ("", " # order", ' ""'):
        text = f"---\ntitle: A\nweight:{written}\n---\nB.\n"
        assert "weight" not in validate_meta(split_source(text, PATH), PATH, UTC)


def test_a_local_yaml_tag_is_read_as_if_there_were_none_with_a_warning() -> None:
    """Marlin's "requires: !PIDTEMPBED", which Jekyll reads (Ruby's YAML gives nil); a
    tag of YAML's own still reads its type."""
    text = "---\ntitle: A\nrequires: !PIDTEMPBED\nboards: !list [a, b]\nn: !!str 5\n---\nB.\n"
    warnings: list[AuthorError] = []
    meta = validate_meta(split_source(text, PATH), PATH, UTC, warnings)
    assert (meta["requires"], meta["boards"], meta["n"]) == (None, ["a", "b"], "5")
    assert [(warning.line, warning.message.split(":")[0]) for warning in warnings
            if "YAML tag" in warning.message] == [
        (3, "the YAML tag !PIDTEMPBED is not read"), (4, "the YAML tag !list is not read")]


def test_an_author_that_is_a_template_s_placeholder_is_left_out_with_a_warning() -> None:
    """Chirpy's post template's author: <author_id> (64 posts of a Chirpy blog showed it as
    their author's name); an author of a name and an e-mail address stays."""
    text = "---\ntitle: A\ndate: 2025-01-01\nauthor: <author_id>\n---\nB.\n"
    warnings: list[AuthorError] = []
    meta = validate_meta(split_source(text, PATH), PATH, UTC, warnings)
    assert "author" not in meta
    assert [(warning.line, warning.message) for warning in warnings] == [
        (4, "'author: <author_id>' is a template's placeholder, not a name: left out (the "
            "site's author is shown)")]
    text = "---\ntitle: A\nauthors: [<author1_id>, <author2_id>]\n---\nB.\n"
    assert "author" not in validate_meta(split_source(text, PATH), PATH, UTC, [])
    for written in ("<ada@example.org>", "Ada <ada@example.org>", "Ada"):
        text = f"---\ntitle: A\nauthor: {written}\n---\nB.\n"
        assert validate_meta(split_source(text, PATH), PATH, UTC, [])["author"] == written


def test_yaml_s_own_text_tag_is_read_with_no_warning() -> None:
    """jekyll-import's "title: ! 'Rails 0.9.1: Small fix'" (236 posts of the Rails blog):
    "!" alone is YAML's tag of a text, read as Ruby's YAML reads it."""
    text = "---\ntitle: ! 'Rails 0.9.1: Small fix'\ndate: 2004-12-16\n---\nB.\n"
    warnings: list[AuthorError] = []
    meta = validate_meta(split_source(text, PATH), PATH, UTC, warnings)
    assert meta["title"] == "Rails 0.9.1: Small fix"
    assert warnings == []


def test_a_line_of_dashes_on_top_with_no_field_is_unclosed_front_matter() -> None:
    """No Key: value line at all is no header lines (the check of known fields alone holds
    for an empty set too): a --- on top that nothing closes, before a line of text, stays an
    error, as in Hugo."""
    with pytest.raises(AuthorError, match="never closed"):
        split_source("---\nText.\n", PATH)


def test_a_line_of_dashes_on_top_before_a_blank_line_is_left_out_with_a_warning() -> None:
    """Traefik's snippet starts with '---' and a blank line, and no line closes it: MkDocs
    (and Pelican) drop it, as Python-Markdown's meta does (the build had stopped: never
    closed). Left out, with a warning at its line, where Hugo stops."""
    source = split_source("---\n\n!!! note\n    Ask us.\n", PATH)
    assert (source.meta, source.body, source.body_line) == ({}, "\n!!! note\n    Ask us.\n", 2)
    warnings: list[AuthorError] = []
    validate_meta(source, PATH, UTC, warnings)
    assert [(warning.line, warning.message.split(":")[0]) for warning in warnings] == [
        (1, "'---' on top, before a blank line, opens no front matter (no line closes it)")]


def test_front_matter_opened_after_spaces_is_front_matter() -> None:
    """Two of Pivotal's posts open theirs with " ---", which Hugo's lexer reads (it skips
    the spaces): the build had stopped, saying the post had no date."""
    source = split_source(" ---\ntitle: Operator\ndate: 2018-11-26\n---\nText.\n", PATH)
    assert source.meta["title"] == "Operator" and source.body == "Text.\n"


def test_a_status_of_the_site_s_own_is_kept_and_pelican_s_draft_is_said() -> None:
    """XAPI's design docs (Hugo) write status: proposed or status: draft for the design:
    the first is a field of the site's own, kept (it had been dropped unsaid); the second
    still makes a draft, as Pelican reads it, but says so where front matter is not
    Pelican's header lines."""
    yaml_meta = "---\ntitle: A\nstatus: {}\n---\nB.\n"
    assert validate_meta(split_source(yaml_meta.format("proposed"), PATH), PATH,
                         UTC)["status"] == "proposed"
    warnings: list[AuthorError] = []
    meta = validate_meta(split_source(yaml_meta.format("draft"), PATH), PATH, UTC, warnings)
    assert meta["draft"] is True and "status" not in meta
    assert [(warning.line, warning.message.split(",")[0]) for warning in warnings] == [
        (3, "status: draft makes this page a draft")]
    warnings.clear()
    assert header_meta("Status: draft")["draft"] is True and warnings == []
    assert "status" not in header_meta("Status: published")
    # (aceofgreens' empty status, published as Pelican reads it: no unknown field to name)
    assert "status" not in header_meta("Status:")
    meta = validate_meta(split_source(yaml_meta.format(""), PATH), PATH, UTC, warnings)
    assert "status" not in meta and "draft" not in meta and warnings == []


def test_front_matter_closed_by_a_long_line_of_dashes_is_closed_as_hugo_closes_it() -> None:
    """falco's tuning page closes its front matter with ten dashes, which Hugo reads as its
    three and a rule of the rest (the build had stopped: never closed)."""
    source = split_source("---\ntitle: Tuning\n----------\nText.\n", PATH)
    assert source.meta == {"title": "Tuning"} and source.body == "-------\nText.\n"


def test_front_matter_opened_by_six_dashes_is_read_as_hugo_reads_it() -> None:
    """Kubernetes' contributor site opens a post's front matter with six dashes, which
    Hugo reads as its three and YAML's own '---' (the build had stopped: no date). A rule
    of six dashes before text stays the body's."""
    source = split_source("------\ntitle: Book club\n---\nText.\n", PATH)
    assert source.meta == {"title": "Book club"} and source.body == "Text.\n"
    assert source.line_of("title") == 2
    for text in ("------\nSome text.\n\n---\nMore.\n",  # (a rule over text: no fields,
                 "------\nNote: version 1.\n\nSome text.\n",  # none closed, no title)
                 "------\nNote: version 1.\n\nSome text.\n\n---\n\nMore.\n"):
        ruled = split_source(text, PATH)
        assert ruled.meta == {} and ruled.body == text, text


def test_a_summary_s_relative_link_is_named() -> None:
    """PyCon Taiwan's Summary: ![..](images/2023/x.jpg): the lists at /page/2/ and /tags/x/
    show it where it names no file; said at its line (a link from the root is fine)."""
    warnings: list[AuthorError] = []
    text = "Title: A\nSummary: See ![a](images/a.png) and [b](/b/), [c](https://c.example/)\n\nB.\n"
    validate_meta(split_source(text, PATH), PATH, UTC, warnings)
    assert [(warning.line, warning.message) for warning in warnings] == [
        (2, "summary: the link 'images/a.png' is relative: the lists that show the summary "
            "are at other addresses, where it names nothing")]
    warnings.clear()
    validate_meta(split_source(text.replace("images/", "/images/"), PATH), PATH, UTC, warnings)
    assert warnings == []
    validate_meta(split_source(text.replace("images/", "{filename}/images/").replace(
        "(/b/)", "({filename}/b.md)"), PATH), PATH, UTC, warnings)
    assert [warning.message for warning in warnings] == [  # (willwolf's; tkm's 16: one warning)
        "summary: the link '{filename}/images/a.png' (and 1 more) is not read: a summary's "
        "links are written as they are"]
