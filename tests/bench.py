"""Benchmark: `make bench N=1000` prints wall time, CPU time, peak memory and pages per second.

Generates a corpus with ../shared/bench/make_corpus.py (--flavor plain) into a scratch folder
outside the project's content/, and times this project's normal build command on it:
clean build (no build/, no cache), no-change rebuild, one-post edit, one-template edit
(peak memory of the largest process, as GNU time reports it, and of the largest of this
generator's own processes, that is without Pagefind);
then the dev server: how long after a post is saved its page is served (the request that
notices the save reloads the site, so this is the time from noticing to serving).
A script that prints figures, not a timed test.
"""
from __future__ import annotations

import argparse
import importlib.util
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
MAKE_CORPUS = PROJECT.parent / "shared" / "bench" / "make_corpus.py"
# Runs the build and reports its wall time, and its children's peak RSS and CPU: the largest
# process, as GNU time does.
MEASURE = ("import resource, subprocess, sys, time; started = time.perf_counter(); "
           "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, "
           "stderr=subprocess.DEVNULL); wall = time.perf_counter() - started; "
           "usage = resource.getrusage(resource.RUSAGE_CHILDREN); "
           "print(code, wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)")


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


def timed_build(root: Path) -> tuple[float, float, float, float]:
    """Wall seconds, CPU seconds, peak MB of the largest process and of the largest of this
    generator's own (Python) processes, that is apart from Pagefind, for one build."""
    command = [sys.executable, "-c", MEASURE, sys.executable, str(PROJECT / "site.py"),
               "build", "--root", str(root)]
    measure = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    ours_kb = 0
    while measure.poll() is None:  # sample the peaks of the build's processes as they run
        for pid, name in _descendants(measure.pid):
            if name.startswith("python"):
                ours_kb = max(ours_kb, _peak_kb(pid))
        time.sleep(0.01)
    assert measure.stdout is not None
    output = measure.stdout.read().split()
    code, wall, peak_kb, cpu = int(output[0]), float(output[1]), int(output[2]), float(output[3])
    if code != 0:
        sys.exit(f"build failed in {root}")
    return wall, cpu, peak_kb / 1024, ours_kb / 1024


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


def corpus_config() -> str:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000, help="number of posts")
    parser.add_argument("--runs", type=int, default=3, help="runs per scenario (median shown)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix=f"bench-{args.n}-"))
    root = scratch / "site"
    subprocess.run([sys.executable, str(MAKE_CORPUS), "--n", str(args.n), "--flavor", "plain",
                    "--out", str(root)], check=True, stdout=subprocess.DEVNULL)
    (root / "site.toml").write_text(corpus_config(), encoding="utf-8")
    post = sorted((root / "content" / "posts").rglob("*.md"))[args.n // 2]
    templates = root / "templates"
    templates.mkdir(exist_ok=True)

    def clean() -> None:
        for folder in ("build", ".build-previous", ".cache"):
            shutil.rmtree(root / folder, ignore_errors=True)

    def edit_post(run: int) -> None:
        with post.open("a", encoding="utf-8") as handle:
            handle.write(f"\nEdited for run {run}.\n")

    def edit_template(run: int) -> None:
        # A change every post page shows (a Jinja comment would change no page at all).
        source = (PROJECT / "templates" / "post.html").read_text(encoding="utf-8")
        (templates / "post.html").write_text(
            source.replace("</article>", f"</article>\n<!-- edit {run} -->", 1), encoding="utf-8")

    scenarios = {
        "clean build": lambda run: clean(),
        "no-change rebuild": lambda run: None,
        "one-post edit": edit_post,
        "one-template edit": edit_template,
    }
    print(f"{args.n} posts, {args.runs} runs each, median shown; corpus in {root}")
    print(f"{'scenario':<20} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'ours MB':>8} "
          f"{'pages/s':>9}")
    for name, prepare in scenarios.items():
        results = []
        for run in range(args.runs):
            if name != "clean build" and not (root / "build").exists():
                timed_build(root)
            prepare(run)
            results.append(timed_build(root))
        results.sort()
        wall, cpu, peak, ours = results[len(results) // 2]
        pages = sum(1 for _ in (root / "build").rglob("*.html"))
        print(f"{name:<20} {wall:>8.2f} {cpu:>8.2f} {peak:>8.0f} {ours:>8.0f} "
              f"{pages / wall:>9.0f}")
    seconds = preview_after_save(root, post)
    print(f"dev server: a saved post's page served {statistics.median(seconds) * 1000:.0f} ms "
          f"after the save (median of {len(seconds)}; slowest "
          f"{max(seconds) * 1000:.0f} ms)")
    if not args.keep:
        shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
