"""Batch builds: many accounts, a folder each, one bad plan failing alone, on every core or a cluster.

    kapdocs build plans/ -o out --jobs 4            # out/<account>/... for every plan in plans/
    kapdocs build plans/ -o out --cluster tcp://scheduler:8786
    kapdocs build plans/ -o out --shard 2/4          # the second of four stable slices

Each account is built by `render_account`, a plain function of picklable arguments that renders
into a scratch folder and returns the files' bytes: it runs in this process (`--jobs 1`), in a
process pool, or on Dask workers through Dask's `concurrent.futures`-compatible executor (one
code path: an executor is passed in). Workers need no shared disk; this process writes every file
through the same safe output folder as any build (atomic, manifest, protected edits, reproducible
bytes), one folder per account, so the bytes are the same however the work was spread.

Results are streamed: each account's files go to staged files on disk as they arrive, so the
parent's memory does not grow with the number of accounts; pool workers are recycled after
`TASKS_PER_WORKER` accounts. An account whose plan, theme, templates, options and kapdocs version
are unchanged since the last build, and whose files are intact, is skipped (`--force` rebuilds).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, as_completed, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .errors import KapdocsError, PlanError, UsageError

TASKS_PER_WORKER = 25
"""Accounts a pool worker builds before it is replaced (bounds any growth of a worker's memory)."""
INDEX = ".kapdocs-batch.json"
"""In the output folder: for each plan built, its account folder and the hash of everything it was
built from, so that an unchanged account is skipped."""


@dataclass
class AccountResult:
    """What happened to one plan of a batch."""

    plan: str
    status: str
    """built, skipped or failed."""
    account: str | None = None
    folder: str | None = None
    """The account's folder under the output folder (its slug)."""
    files: list[str] = field(default_factory=list)
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def record(self) -> dict[str, Any]:
        """One line of `--json`."""
        return {"plan": self.plan, "status": self.status, "account": self.account, "folder": self.folder,
                "files": self.files, "seconds": round(self.seconds, 3), "errors": self.errors}


# -- sources, shards and what an account is built from ---------------------------------------------------------

def parse_shard(value: str | None) -> tuple[int, int] | None:
    """`I/N` as (I, N), 1 <= I <= N; None for None."""
    if value is None:
        return None
    try:
        index, count = (int(part) for part in value.split("/"))
    except ValueError:
        raise UsageError(f"--shard {value!r}: write I/N, e.g. 2/4 for the second of four slices") from None
    if not 1 <= index <= count:
        raise UsageError(f"--shard {value!r}: I must be from 1 to N")
    return index, count


def in_shard(path: Path, shard: tuple[int, int] | None) -> bool:
    """Whether `path` falls in the shard: a stable slice by the hash of the plan's file name, so that adding a
    plan moves no other plan to another shard."""
    if shard is None:
        return True
    index, count = shard
    digest = int(hashlib.sha256(path.name.encode("utf-8")).hexdigest(), 16)
    return digest % count == index - 1


def _hash_tree(digest, folder: Path) -> None:
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())


def inputs_hash(plan: Path, settings: dict[str, Any]) -> str:
    """A hash of everything an account's files are built from: the plan file, its folder's kapdocs.toml with
    the theme and templates it names, the theme given, the options and the kapdocs version."""
    digest = hashlib.sha256()
    digest.update(__version__.encode())
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    digest.update(plan.read_bytes())
    project = plan.parent / "kapdocs.toml"
    if project.is_file():
        digest.update(project.read_bytes())
        from .project import load_project

        found = load_project(plan.parent)
        for template in found.templates:
            digest.update(template.read_bytes())
        if found.theme is not None:
            _hash_tree(digest, found.theme)
    if settings.get("theme"):
        _hash_tree(digest, Path(settings["theme"]))
    return digest.hexdigest()


# -- one account, anywhere ------------------------------------------------------------------------------------------

@contextlib.contextmanager
def _no_contents_fill() -> Iterator[None]:
    """Leave the Word contents' page numbers to the parent (one LibreOffice run for the whole batch)."""
    from .office import CONTENTS_SETTING

    before = os.environ.get(CONTENTS_SETTING)
    os.environ[CONTENTS_SETTING] = "off"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(CONTENTS_SETTING, None)
        else:
            os.environ[CONTENTS_SETTING] = before


def render_account(plan: str, settings: dict[str, Any]) -> dict[str, Any]:
    """Build every deliverable of the plan at `plan` in memory: the files' bytes by name, or the located errors.

    A plain function of picklable arguments, so that a process pool or a Dask worker can run it; it writes
    nothing but a scratch folder of its own."""
    from . import api
    from .load import load
    from .naming import slug
    from .portfolio import row_for
    from .render import Options

    start = time.perf_counter()
    result: dict[str, Any] = {"plan": plan}
    try:
        loaded = load(plan)
        result["account"] = loaded.plan.account.name
        result["folder"] = slug(loaded.plan.account.name)
        result["warnings"] = [str(w) for w in loaded.warnings]
        options = Options(locale=settings["locale"], paper=settings.get("paper"),
                          theme=Path(settings["theme"]) if settings.get("theme") else None,
                          today=dt.date.fromisoformat(settings["today"]))
        with tempfile.TemporaryDirectory(prefix="kapdocs-account-") as scratch, _no_contents_fill():
            api.build_loaded([loaded], scratch, options, force=True)
            result["files"] = {p.name: p.read_bytes() for p in sorted(Path(scratch).iterdir())
                               if p.is_file() and not p.name.startswith(".")}
        result["portfolio"] = row_for(loaded.plan, options.today).data()  # the same analysis as its documents
        result["status"] = "built"
    except PlanError as exc:
        result.update(status="failed", errors=[str(p) for p in exc.problems])
    except KapdocsError as exc:
        result.update(status="failed", errors=[str(exc)])
    except Exception as exc:  # noqa: BLE001 - one account's bug must not stop the batch; it is reported
        result.update(status="failed", errors=[f"internal error ({type(exc).__name__}: {exc}); this is a bug "
                                               "in kapdocs: please report it with this plan"])
    result["seconds"] = time.perf_counter() - start
    return result


class _Serial(Executor):
    """The executor of `--jobs 1`: each account built in this process when it is submitted."""

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[override]
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller, as a pool would
            future.set_exception(exc)
        return future


class _RecyclingPool(Executor):
    """A process pool replaced by a fresh one every `jobs * TASKS_PER_WORKER` accounts, so that no worker's
    memory can grow with the batch. (The standard pool's own `max_tasks_per_child` can hang when workers
    are replaced while work is queued, on the Python versions kapdocs supports.)"""

    def __init__(self, jobs: int):
        self.jobs, self.limit = jobs, jobs * TASKS_PER_WORKER
        self.pool: Executor | None = None
        self.count = 0

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[override]
        if self.pool is None or self.count >= self.limit:
            if self.pool is not None:
                self.pool.shutdown(wait=False)  # its workers finish what they hold, then exit
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context("spawn"))
            self.count = 0
        self.count += 1
        return self.pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, **kwargs) -> None:  # type: ignore[override]
        if self.pool is not None:
            self.pool.shutdown(wait=wait, **kwargs)


def local_executor(jobs: int) -> Executor:
    """`jobs` worker processes (replaced every `TASKS_PER_WORKER` accounts each), or this process for one job."""
    return _Serial() if jobs <= 1 else _RecyclingPool(jobs)


def in_flight(executor: Executor) -> int:
    """How many accounts to keep submitted at once: enough to keep every worker busy, few enough that
    results and pending work stay small."""
    return 4 * getattr(executor, "jobs", 16)


def cluster_executor(address: str) -> tuple[Executor, Callable[[], None]]:
    """Dask's `concurrent.futures` executor on the cluster at `address` (`pip install 'kapdocs[dask]'`), and
    how to close the client."""
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--cluster needs Dask: pip install 'kapdocs[dask]'") from None
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"--cluster {address}: cannot reach the scheduler ({exc})") from None
    return client.get_executor(pure=False), client.close


# -- the batch ------------------------------------------------------------------------------------------------------

@dataclass
class Batch:
    """A batch's outcome, account by account, in the order the plans were given."""

    results: list[AccountResult]
    portfolio: list[str] = field(default_factory=list)
    """The portfolio files written into the output folder (when several accounts were built)."""

    @property
    def failed(self) -> list[AccountResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def exit_status(self) -> int:
        """0: every plan built or skipped; 1: some failed; 2: none could be built."""
        if not self.failed:
            return 0
        return 2 if len(self.failed) == len(self.results) else 1


def build_batch(plans: Iterable[Path], out: Path, settings: dict[str, Any], *, executor: Executor,
                force: bool = False, pdf: bool = False,
                report: Callable[[AccountResult, int, int], None] | None = None) -> Batch:
    """Build every plan into `out/<account>/` with `executor`; `report` is told of each account as it ends.

    Each account's files are staged as they arrive and committed together at the end, after one
    LibreOffice run for every account's contents (and PDFs with `pdf`). A plan that fails fails alone."""
    from . import office
    from .manifest import Manifest
    from .output import OutputFolder

    plans = list(plans)
    index_path = out / INDEX
    index = _read_index(index_path)
    total = len(plans)
    results: dict[str, AccountResult] = {}
    rows: dict[str, dict[str, Any]] = {}
    folders: dict[str, OutputFolder] = {}
    owners: dict[str, str] = {}
    hashes: dict[str, str] = {}
    done = 0

    def finish(result: AccountResult) -> None:
        nonlocal done
        done += 1
        results[result.plan] = result
        if report is not None:
            report(result, done, total)

    def collect(future: Future, key: str) -> None:
        try:
            raw = future.result()
        except Exception as exc:  # noqa: BLE001 - a worker lost (killed, out of memory): this account fails
            finish(AccountResult(key, "failed", errors=[f"the worker building it stopped: {exc}"]))
            return
        take(raw, key)

    def take(raw: dict[str, Any], key: str) -> None:
        result = AccountResult(key, raw["status"], raw.get("account"), raw.get("folder"), [],
                               raw.get("seconds", 0.0), raw.get("errors", []), raw.get("warnings", []))
        if raw.get("portfolio"):
            rows[key] = raw["portfolio"]
        if result.status == "built":
            slug = result.folder
            if slug in owners and owners[slug] != key:
                result.status = "failed"
                result.errors = [f"{key} and {owners[slug]} are both for accounts named like '{result.account}' "
                                 f"and would write the same folder {slug}/; rename one account"]
            else:
                owners[slug] = key
                folder = OutputFolder(out / slug, force=force, staged=True)
                folder.plan, folder.account = Path(key), result.account
                try:
                    for name, data in raw["files"].items():  # written and checked by the worker's own output folder
                        folder.write(name, data, normalised=True)
                except KapdocsError as exc:
                    folder.discard()
                    result.status, result.errors = "failed", [str(exc)]
                else:
                    folders[key] = folder
                    result.files = sorted(raw["files"])
        finish(result)

    window = in_flight(executor)
    pending: dict[Future, str] = {}
    for plan in plans:
        key = str(plan)
        try:
            hashes[key] = inputs_hash(plan, settings)
        except (OSError, KapdocsError) as exc:
            finish(AccountResult(key, "failed", errors=[f"{plan}: {getattr(exc, 'strerror', None) or exc}"]))
            continue
        known = index.get(key)
        if not force and known and known.get("inputs") == hashes[key] and _intact(out / known["folder"],
                                                                                    known.get("files", [])):
            owners[known["folder"]] = key
            if known.get("portfolio"):
                rows[key] = known["portfolio"]
            finish(AccountResult(key, "skipped", known.get("account"), known["folder"], sorted(known.get("files", []))))
            continue
        pending[executor.submit(render_account, key, settings)] = key
        while len(pending) >= window:  # results streamed: a bounded number of accounts in flight
            done_now, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done_now:
                collect(future, pending.pop(future))
    for future in as_completed(list(pending)):
        collect(future, pending.pop(future))
    staged = [folders[k] for k in sorted(folders)]
    if staged:
        if pdf:
            office.publish_pdfs(staged[0], more=staged[1:])
        elif office.fills_contents():
            office.fill_contents(*staged)
    for key in sorted(folders):
        folder, result = folders[key], results[key]
        try:
            folder.commit()
        except KapdocsError as exc:
            folder.discard()
            result.status, result.errors = "failed", [str(exc)]
            continue
        result.files = sorted(p.name for p in folder.written)
        manifest = Manifest(folder.root)
        index[key] = {"folder": result.folder, "account": result.account, "inputs": hashes[key],
                      "files": {name: manifest.records[name].sha256 for name in result.files
                                if name in manifest.records}, "portfolio": rows.get(key)}
    for key, result in results.items():
        if result.status == "failed" and key in index:
            del index[key]  # its files, if any, are as the last good build left them: rebuild next time
    if folders or any(r.status == "skipped" for r in results.values()):
        _write_index(index_path, index)
    outcome = Batch([results[str(p)] for p in plans if str(p) in results])
    kept = [rows[k] for k in sorted(rows) if results.get(k) and results[k].status != "failed"]
    if len(kept) > 1 and folders:  # the portfolio of every account built or unchanged, when anything changed
        outcome.portfolio = write_portfolio_files(kept, out, settings, force=force)
    return outcome


def write_portfolio_files(rows: list[dict[str, Any]], out: Path, settings: dict[str, Any], *,
                          force: bool = False) -> list[str]:
    """portfolio.xlsx, .pptx and .docx in `out` from the accounts' rows (`kapdocs.portfolio.files`)."""
    from .output import OutputFolder
    from .portfolio import AccountRow
    from .portfolio.files import write_portfolio
    from .reproducible import building_on
    from .theme import load_theme

    today = dt.date.fromisoformat(settings["today"])
    theme = load_theme(Path(settings["theme"]) if settings.get("theme") else None)
    ordered = sorted((AccountRow.of(r) for r in rows), key=lambda r: r.account.lower())
    with OutputFolder(out, force=force, staged=True).committing() as folder, building_on(today):
        names = write_portfolio(ordered, folder.write, theme, today)
    return names


def _intact(folder: Path, files: dict[str, str] | list) -> bool:
    """Whether every file of an earlier build is in `folder` with the bytes kapdocs wrote."""
    from .manifest import sha256

    if not isinstance(files, dict) or not files:
        return False
    try:
        return all(sha256(folder / name) == digest for name, digest in files.items())
    except OSError:
        return False


def _read_index(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data["plans"] if isinstance(data.get("plans"), dict) else {}
    except (OSError, ValueError, AttributeError):
        return {}


def _write_index(path: Path, index: dict[str, Any]) -> None:
    from .atomic import write_bytes

    doc = {"format": 1, "about": "What kapdocs build last built here, to skip unchanged accounts.",
           "plans": {k: index[k] for k in sorted(index)}}
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, (json.dumps(doc, indent=1, ensure_ascii=False, default=str) + "\n").encode("utf-8"),
                prefix=".kapdocs-batch-", suffix=".tmp")
