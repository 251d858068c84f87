"""Benchmark: `make bench N=1000` times this generator beside its peers and prints each figure
against its target.

On one generated corpus (../shared/bench/make_corpus.py --flavor plain, N posts), in one run:

- the Markdown floor: the CPU time to render every body with the site's own converter in one
  process, divided by the cores (the part of a build that Python-Markdown fixes);
- the peers, where installed, with the harness ../shared/bench/run_peers.sh on the same corpus
  (Hugo, Hugo followed by Pagefind, Pelican): their clean builds, in turns with this
  generator's;
- this generator in two configurations, whose clean builds take turns: the default one (the
  demo's site.toml: search, social cards, JSON API, feeds of every tag, paginated tags) and
  the peer-equivalent one (all of those off and one feed of 20 posts: what the peers build);
- in each configuration, a no-change rebuild, a one-post edit, a one-template edit and a build
  with only the cache kept (as a CI job that keeps ``.cache/``), then a post saved in a
  running preview;
- with --scale 5000 10000, clean builds, one-post edits and builds with only the cache kept
  of those sizes too, against N's; and the search floor of their one-post edit: Pagefind
  alone, run as a build runs it, on the last build's pages of the edited post's shard of the
  search index, with both cores free (no build can write that shard's index faster).

Each figure is a median of --runs runs (wall seconds; CPU seconds of all processes; the
peak memory of the largest process, as GNU time reports it, and of the largest of this
generator's own). A script that prints figures, not a timed test.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
HARNESS = PROJECT.parent / "shared" / "bench"
MAKE_CORPUS = HARNESS / "make_corpus.py"
SEED = "ssg-bench-1"  # the harness's own, so the peers build the same posts
CORES = os.cpu_count() or 1
# Runs the build and reports its wall time, and its children's peak RSS and CPU: the largest
# process, as GNU time does.
MEASURE = ("import resource, subprocess, sys, time; started = time.perf_counter(); "
           "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, "
           "stderr=subprocess.DEVNULL); wall = time.perf_counter() - started; "
           "usage = resource.getrusage(resource.RUSAGE_CHILDREN); "
           "print(code, wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)")
# What the peers build: no search, cards, JSON API, feeds per tag or tag pages after the
# first; one site feed of 20 posts.
PEER_EQUIVALENT = """\
search = false
social_cards = false
json_api = false
paginate_terms = false

[feeds]
formats = ["atom"]
limit = 20
per_term = false
"""
# The peers the harness times, by its tool names.
PEERS = {"hugo": "Hugo", "hugo_pagefind": "Hugo + Pagefind", "pelican": "Pelican"}
# Floor: render every body with the site's converter, in this one process; print CPU seconds.
FLOOR = """\
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from sitegen.frontmatter import split_source
from sitegen.load import start_site
from sitegen.markdown import new_converter, warm_up
from sitegen.sources import find_sources
root = Path(sys.argv[2])
start_site(root)  # (the site's own [markdown] extensions, if any)
bodies = [split_source(path.read_text(encoding="utf-8"), path).body
          for path in find_sources(root / "content")]
warm_up()
converter = new_converter()
started = time.process_time()
for body in bodies:
    converter.reset().convert(body)
print(time.process_time() - started, len(bodies))
"""
# Search floor of a post's edit: Pagefind alone (run as a build runs it) on the last build's
# pages of the post's shard, linked into a scratch folder, with both cores free; print the
# median wall seconds of three runs and the shard's number and pages (the last run's bundle
# is copied into the folder named after them, if any).
SEARCH_FLOOR = """\
import shutil, statistics, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from sitegen.cache import read_state_row
from sitegen.fingerprint import engine_fingerprint
from sitegen.hardlinks import link_files
from sitegen.search import checked_record, launch_pagefind, plan_shards
root, source = Path(sys.argv[2]), sys.argv[3]
record = checked_record(read_state_row(root / ".cache", "search", engine_fingerprint()) or {})
page = record["sources"][source]
shard = next(shard for shard in plan_shards(record["pages"], record["per_shard"])
             if page in shard.pages)
times = []
for run in range(3):
    with tempfile.TemporaryDirectory() as folder:
        pages, bundle = Path(folder) / "pages", Path(folder) / "bundle"
        link_files(root / "build", pages, shard.pages)
        started = time.perf_counter()
        pagefind = launch_pagefind(pages, bundle)
        pagefind.communicate()
        times.append(time.perf_counter() - started)
        assert pagefind.returncode == 0 and bundle.is_dir()
        if run == 2 and len(sys.argv) > 4:
            shutil.copytree(bundle, sys.argv[4])
print(statistics.median(times), shard.number, len(shard.pages))
"""


@dataclass
class Timing:
    """One build: wall and CPU seconds, peak MB of the largest process and of our own."""

    wall: float
    cpu: float
    peak: float
    ours: float


def _descendants(pid: int) -> list[tuple[int, str]]:
    """The processes under ``pid`` with their command names, from /proc (cheap enough to
    look many times a second without slowing the build down)."""
    found, stack = [], [pid]
    while stack:
        try:
            tasks = list(Path(f"/proc/{stack.pop()}/task").glob("*"))
        except OSError:  # (the process ended meanwhile)
            continue
        for task in tasks:
            try:
                children = [int(child) for child in (task / "children").read_text().split()]
            except OSError:
                continue
            for child in children:
                try:
                    name = Path(f"/proc/{child}/comm").read_text().strip()
                except OSError:
                    continue
                found.append((child, name))
                stack.append(child)
    return found


def _peak_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    line = next((line for line in status.splitlines() if line.startswith("VmHWM:")), "")
    return int(line.split()[1]) if line else 0


def timed_build(root: Path) -> Timing:
    """Time one ``python site.py build`` of ``root``."""
    command = [sys.executable, "-c", MEASURE, sys.executable, str(PROJECT / "site.py"),
               "build", "--root", str(root)]
    measure = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    ours_kb = 0
    # Sample the peaks of the build's processes as they run. A peak is a high-water mark, so
    # a look 20 times a second misses none but the last 50 ms of a process; 100 times a
    # second took 0.02 s of a 0.8 s edit (/proc on 2 cores). The peak of the largest process
    # (the target's) comes from the kernel's own count, taken whole.
    while measure.poll() is None:
        for pid, name in _descendants(measure.pid):
            if name.startswith("python"):
                ours_kb = max(ours_kb, _peak_kb(pid))
        time.sleep(0.05)
    assert measure.stdout is not None
    output = measure.stdout.read().split()
    code, wall, peak_kb, cpu = int(output[0]), float(output[1]), int(output[2]), float(output[3])
    if code != 0:
        sys.exit(f"build failed in {root}: run python site.py build --root {root}")
    return Timing(wall, cpu, peak_kb / 1024, ours_kb / 1024)


def median(timings: list[Timing]) -> Timing:
    """The run with the median wall time."""
    return sorted(timings, key=lambda timing: timing.wall)[len(timings) // 2]


def preview_after_save(root: Path, post: Path, saves: int = 9) -> list[float]:
    """Seconds from a post's save to its page served by the preview app, once per save."""
    spec = importlib.util.spec_from_file_location("site_app", PROJECT / "site.py")
    assert spec is not None and spec.loader is not None
    site_app = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(PROJECT))
    spec.loader.exec_module(site_app)
    client = site_app.create_app(root, preview=True).test_client()
    url = "/posts/" + post.stem + "/"
    assert client.get(url).status_code == 200
    original = post.read_text(encoding="utf-8")
    seconds = []
    for save in range(saves):
        post.write_text(original + f"\nSaved {save}.\n", encoding="utf-8")
        started = time.perf_counter()
        page = client.get(url).get_data(as_text=True)
        seconds.append(time.perf_counter() - started)
        assert f"Saved {save}." in page
        time.sleep(1.2)  # the author reads the page; the live-reload channel polls meanwhile
        client.get(url)
    post.write_text(original, encoding="utf-8")
    return seconds


def demo_config() -> str:
    """The demo's site.toml without its [[menu]] (which links to the demo's own pages: the
    corpus has none of them, and a menu link to nowhere stops a build)."""
    lines = (PROJECT / "site.toml").read_text(encoding="utf-8").splitlines()
    kept, in_menu = [], False
    for line in lines:
        if line.strip().startswith("["):
            in_menu = line.strip() == "[[menu]]"
        if not in_menu:
            kept.append(line)
    return "\n".join(kept) + "\n"


def peer_config() -> str:
    """The demo's settings with what the peers do not build switched off."""
    text = demo_config()
    first_table = text.find("\n[")
    return text[:first_table + 1] + PEER_EQUIVALENT + text[first_table:]


def make_site(folder: Path, posts: int, config: str) -> Path:
    """A corpus of ``posts`` posts in ``folder`` with ``config`` as its site.toml."""
    subprocess.run([sys.executable, str(MAKE_CORPUS), "--n", str(posts), "--flavor", "plain",
                    "--seed", SEED, "--out", str(folder), "--force"], check=True,
                   stdout=subprocess.DEVNULL)
    (folder / "site.toml").write_text(config, encoding="utf-8")
    (folder / "templates").mkdir(exist_ok=True)
    return folder


def clean(root: Path) -> None:
    """Remove what builds wrote: ``build/``, the build before it and the cache."""
    for folder in ("build", ".build-previous", ".cache"):
        shutil.rmtree(root / folder, ignore_errors=True)


def edited_post(root: Path) -> Path:
    """The post the edits change: the middle one."""
    posts = sorted((root / "content" / "posts").rglob("*.md"))
    return posts[len(posts) // 2]


def edit_post(root: Path, run: int) -> None:
    """Append a line to one post."""
    with edited_post(root).open("a", encoding="utf-8") as handle:
        handle.write(f"\nEdited for run {run}.\n")


def edit_template(root: Path, run: int) -> None:
    """A change every post page shows (a Jinja comment would change no page at all)."""
    source = (PROJECT / "templates" / "post.html").read_text(encoding="utf-8")
    (root / "templates" / "post.html").write_text(
        source.replace("</article>", f"</article>\n<!-- edit {run} -->", 1), encoding="utf-8")


def check_out_anew(root: Path, run: int) -> None:
    """As a CI job that keeps only ``.cache/``: no ``build/`` and no build before it, and
    every file checked out anew (new file times)."""
    for folder in ("build", ".build-previous"):
        shutil.rmtree(root / folder, ignore_errors=True)
    for path in root.rglob("*"):
        if ".cache" not in path.relative_to(root).parts:
            os.utime(path)


def markdown_floor(root: Path) -> float:
    """CPU seconds to render every body of ``root`` with its converter in one process."""
    output = subprocess.run([sys.executable, "-c", FLOOR, str(PROJECT), str(root)], check=True,
                            capture_output=True, text=True).stdout.split()
    return float(output[0])


def search_floor(root: Path, post: Path, keep: Path | None = None) -> tuple[float, int, int]:
    """Wall seconds for Pagefind alone to index the shard of ``post``'s page in the last
    build of ``root`` (as a build runs it, both cores free), the shard's number and its
    pages; its bundle is copied into ``keep``, if given."""
    output = subprocess.run([sys.executable, "-c", SEARCH_FLOOR, str(PROJECT), str(root),
                             str(post), *([str(keep)] if keep else [])],
                            check=True, capture_output=True, text=True).stdout
    seconds, number, pages = output.split()
    return float(seconds), int(number), int(pages)


def peer_tools() -> tuple[list[str], list[str], Path]:
    """The peers installed here, why the others are missing, and the virtualenv the harness
    runs its Python from (the peers' own, else this project's)."""
    venv = Path(os.environ.get("PEERS_VENV", "/tmp/bench-work/venv"))
    tools, missing = [], []
    if shutil.which("hugo"):
        tools += ["hugo", "hugo_pagefind"]
    else:
        missing.append("Hugo and Hugo + Pagefind: apt-get install hugo")
    if (venv / "bin" / "pelican").exists():
        tools.append("pelican")
    else:
        missing.append(f"Pelican: python3 -m venv {venv} && {venv}/bin/pip install "
                       "'pelican>=4,<5' markdown pygments pyyaml (or set PEERS_VENV)")
    return tools, missing, venv if (venv / "bin" / "python").exists() else Path(sys.prefix)


class Peers:
    """The peers the harness (``../shared/bench/run_peers.sh``, run from a copy in
    ``scratch``) times on the same posts (same generator, same seed), one clean build each
    at a time, so that they take turns with this generator's (see :func:`time_clean_builds`):
    the machine's speed drifts, and a ratio compares builds timed side by side."""

    def __init__(self, posts: int, scratch: Path):
        tools, missing, venv = peer_tools()
        for reason in missing:
            print(f"  not timed: {reason}")
        self.tools = tools if (HARNESS / "run_peers.sh").exists() else []
        self.results = scratch / "peers.jsonl"
        self.harness = scratch / "harness"
        self.turns = 0
        from pagefind_bin import get_executable
        # (REBUILD_MAX=0: clean builds only.)
        self.environment = {**os.environ, "NS": str(posts), "TOOLS": " ".join(self.tools),
                            "RUNS": "1", "WORK": str(scratch / "peers"), "VENV": str(venv),
                            "SEED": SEED, "RESULTS": str(self.results),
                            "FLOORS_JSON": str(scratch / "floors.jsonl"), "REBUILD_MAX": "0",
                            "PAGEFIND": str(get_executable())}
        if self.tools:  # (a copy runs: the harness writes its results into its own folder)
            shutil.copytree(HARNESS, self.harness, ignore=shutil.ignore_patterns("results"))
            self.harness.chmod(0o755)

    def time_once(self) -> None:
        """One clean build of each peer (the first turn warms each up with one more)."""
        if not self.tools:
            return
        warm_up = "1" if self.turns == 0 else "0"
        self.turns += 1
        subprocess.run(["bash", str(self.harness / "run_peers.sh")],
                       env={**self.environment, "WARMUP": warm_up, "WARMUP_CLEAN": warm_up},
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)

    def medians(self) -> dict[str, float]:
        """Each peer's median clean-build wall seconds, over the turns it succeeded in."""
        walls: dict[str, list[float]] = {}
        lines = self.results.read_text(encoding="utf-8").splitlines() \
            if self.results.exists() else []
        for line in lines:
            record = json.loads(line)
            if record.get("scenario") == "clean" and record.get("ok"):
                walls.setdefault(record["tool"], []).append(float(record["median_wall"]))
        return {tool: statistics.median(found) for tool, found in walls.items()}


SCENARIOS = {"no-change rebuild": lambda root, run: None, "one-post edit": edit_post,
             "one-template edit": edit_template, "cache only (CI)": check_out_anew}


def time_clean_builds(sites: dict[str, Path], runs: int,
                      peers: Peers | None = None) -> tuple[dict[str, Timing], float]:
    """Median clean build of each site, and the median Markdown floor (CPU seconds) of the
    default one, the sites, the floor (and ``peers``) taking turns: the floor's CPU moves
    with the machine's hour as the builds do (from 4.85 s to 7.83 s on different runs)."""
    timings: dict[str, list[Timing]] = {name: [] for name in sites}
    floors = []
    for _ in range(runs):
        if peers is not None:
            peers.time_once()
        floors.append(markdown_floor(sites["default"]))
        for name, root in sites.items():
            timings[name].append(clean_build(root))
    return {name: median(found) for name, found in timings.items()}, statistics.median(floors)


def time_rebuilds(root: Path, runs: int) -> dict[str, Timing]:
    """Median of each rebuild scenario, after a build of ``root``."""
    found = {}
    for name, prepare in SCENARIOS.items():
        timings = []
        for run in range(runs):
            timed_build(root)  # (the build the scenario starts from)
            prepare(root, run)
            timings.append(timed_build(root))
        found[name] = median(timings)
    return found


def print_row(configuration: str, scenario: str, timing: Timing) -> None:
    """One line of the table of builds."""
    print(f"{configuration:<16} {scenario:<18} {timing.wall:>7.2f} {timing.cpu:>7.2f} "
          f"{timing.peak:>8.0f} {timing.ours:>8.0f}")


def verdict(name: str, value: float, bound: float, unit: str = "x") -> None:
    """One target: the figure, its bound and whether it is met."""
    shown = f"{value:.2f}{unit}" if unit == "x" else f"{value:.2f} {unit}"
    limit = f"{bound:.2f}{unit}" if unit == "x" else f"{bound:.2f} {unit}"
    print(f"  {name:<52} {shown:>9}  at most {limit:>8}  {'met' if value <= bound else 'MISSED'}")


def clean_build(root: Path) -> Timing:
    """Time a clean build of ``root``."""
    clean(root)
    return timed_build(root)


def scale(sizes: list[int], posts: int, base_site: Path, scratch: Path) -> None:
    """Clean builds, one-post edits and a build with only the cache kept (a CI job) of
    larger corpora, against clean builds of the ``posts``-post ``base_site`` timed just
    before and just after each (the machine's speed drifts within the hour that the other
    figures take)."""
    for size in sizes:
        root = make_site(scratch / f"default-{size}", size, demo_config())
        before = clean_build(base_site)
        build = timed_build(root)
        after = clean_build(base_site)
        base = (before.wall + after.wall) / 2
        # The first rebuild after a clean one links every file anew (the build before has
        # none of the clean build's files to start from): the edits after it are timed.
        edit_post(root, 0)
        first = timed_build(root)
        edit_post(root, 1)
        edit = timed_build(root)
        floor, _, shard_pages = search_floor(root, edited_post(root))
        check_out_anew(root, 0)
        ci = timed_build(root)
        print_row(f"default, {size}", "clean build", build)
        print_row(f"default, {size}", "first edit", first)
        print_row(f"default, {size}", "one-post edit", edit)
        print_row(f"default, {size}", "cache only (CI)", ci)
        print(f"default, {size}: Pagefind alone on the edited post's shard of the search index "
              f"({shard_pages} pages, both cores free): {floor:.2f} s")
        print(f"default, {posts} posts, clean builds just before and after: {before.wall:.2f} "
              f"and {after.wall:.2f} s")
        bound = {5000: 5.3, 10000: 11.0}.get(size, size / posts * 1.1)
        verdict(f"{size} posts: clean build / {posts} posts'", build.wall / base, bound)
        if size >= 10000:
            verdict(f"{size} posts: peak memory of any process",
                    max(build.peak, first.peak, edit.peak, ci.peak), 600, "MB")
            verdict(f"{size} posts: one-post edit", edit.wall, 2.0, "s")
        shutil.rmtree(root)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="number of posts")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median shown)")
    parser.add_argument("--scale", type=int, nargs="*", default=[],
                        help="larger corpora to time against N's (5000 10000)")
    parser.add_argument("--no-peers", action="store_true", help="do not time the peers")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix=f"bench-{args.n}-"))
    sites = {"peer-equivalent": make_site(scratch / "peer", args.n, peer_config()),
             "default": make_site(scratch / "default", args.n, demo_config())}
    print(f"{args.n} posts ({MAKE_CORPUS.name} --flavor plain --seed {SEED}), {CORES} cores, "
          f"{args.runs} runs a figure, median shown; scratch folder {scratch}")
    harness = None if args.no_peers else Peers(args.n, scratch)
    builds, floor_cpu = time_clean_builds(sites, args.runs, harness)
    floor = floor_cpu / CORES
    print(f"Markdown floor: {floor_cpu:.2f} s of CPU to render every body in one process, "
          f"{floor:.2f} s on {CORES} cores (in turns with the builds)")
    peers = harness.medians() if harness is not None else {}
    for tool, wall in peers.items():
        print(f"{PEERS.get(tool, tool)} clean build: {wall:.2f} s (in turns with ours)")
    print(f"{'configuration':<16} {'scenario':<18} {'wall s':>7} {'cpu s':>7} {'peak MB':>8} "
          f"{'ours MB':>8}")
    rebuilds = {}
    for name, root in sites.items():
        print_row(name, "clean build", builds[name])
        rebuilds[name] = time_rebuilds(root, args.runs)
        for scenario, timing in rebuilds[name].items():
            print_row(name, scenario, timing)
    saves = preview_after_save(sites["default"], edited_post(sites["default"]))
    print(f"preview: a saved post's page served {statistics.median(saves) * 1000:.0f} ms "
          f"after the save (median of {len(saves)}; slowest {max(saves) * 1000:.0f} ms)")
    print("Targets:")
    report_targets(builds, rebuilds, floor, peers, statistics.median(saves))
    if args.scale:
        scale(args.scale, args.n, sites["default"], scratch)
    if not args.keep:
        shutil.rmtree(scratch)


def report_targets(builds: dict[str, Timing], rebuilds: dict[str, dict[str, Timing]],
                   floor: float, peers: dict[str, float], preview: float) -> None:
    """Each figure against its bound."""
    peer, default = builds["peer-equivalent"].wall, builds["default"].wall
    verdict("peer-equivalent clean build / Markdown floor", peer / floor, 1.25)
    if "pelican" in peers:
        verdict("peer-equivalent clean build / Pelican's", peer / peers["pelican"], 0.35)
    if "hugo_pagefind" in peers:
        verdict("default clean build / Hugo + Pagefind's", default / peers["hugo_pagefind"], 1.5)
    for name, found in rebuilds.items():
        verdict(f"{name}: one-post edit", found["one-post edit"].wall, 0.8, "s")
        verdict(f"{name}: no-change rebuild", found["no-change rebuild"].wall, 0.2, "s")
        verdict(f"{name}: one-template edit / clean build",
                found["one-template edit"].wall / builds[name].wall, 0.6)
    verdict("preview: saved post served", preview * 1000, 50, "ms")


if __name__ == "__main__":
    main()
