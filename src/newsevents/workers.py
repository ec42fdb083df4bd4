"""Where the pipeline's stages run when not in the calling process: a pool of local processes or
the workers of a Dask cluster. Both give the same small interface (``Workers``): submit a
function, wait for its result, know how many workers there are. ``pipeline.process_documents``
uses it; nothing here knows about documents.

A worker that dies (killed, out of memory) loses the tasks it held. The pool starts new processes
and runs those tasks again; Dask's scheduler does the same by itself. A task that keeps killing
its worker ends in ``WorkerLost``, which the caller turns into the rejection of its documents.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, Protocol

from .errors import ConfigError, NewsEventsError

log = logging.getLogger("newsevents")

# A task is run at most this many times when its worker dies under it: once is an accident (a
# node lost, the OOM killer choosing a neighbour), three times is the task (Dask's default
# allowed-failures is 3 too).
MAX_ATTEMPTS = 3


class WorkerLost(NewsEventsError):
    """A task's worker died under it MAX_ATTEMPTS times."""


class Task(Protocol):
    """What ``Workers.submit`` returns; only ``Workers.result`` reads it."""


class Workers(Protocol):
    @property
    def count(self) -> int:
        """How many workers run tasks at once (sizes the pieces work is cut into)."""
        ...

    def submit(self, fn: Callable[..., Any], *args: Any) -> Task: ...

    def result(self, task: Task) -> Any:
        """The task's return value; re-raises what it raised; ``WorkerLost`` when its worker
        kept dying under it."""
        ...

    def gather_then(self, fn: Callable[..., Any], tasks: list[Task], *args: Any) -> Any:
        """``fn([result of each task], *args)``, run where the tasks' results are (on a Dask
        worker they never travel to this process); ``WorkerLost`` when a task's worker, or
        fn's, kept dying."""
        ...

    def close(self) -> None: ...


@dataclass
class _PoolTask:
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    future: Future[Any]
    attempts: int = 1
    generation: int = 0


@dataclass
class ProcessPool:
    """``count`` worker processes on this machine. Processes are started with "spawn": a fork of
    a parent that holds open database connections and a progress-bar thread is not safe, and
    each worker loads spaCy, the gazetteer and the dictionaries itself, once, on its first task."""

    count: int
    # Run once in each new worker process (the benchmark installs its stage timers with it).
    initializer: Callable[..., None] | None = None
    initargs: tuple[Any, ...] = ()
    _executor: ProcessPoolExecutor | None = field(default=None, init=False, repr=False)
    _generation: int = field(default=0, init=False, repr=False)
    _pending: set[int] = field(default_factory=set, init=False, repr=False)
    _tasks: dict[int, _PoolTask] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.count < 1:
            raise ConfigError(f"--workers must be 1 or more, got {self.count}")
        self._start()

    def _start(self) -> None:
        self._executor = ProcessPoolExecutor(self.count, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=self.initializer, initargs=self.initargs)
        self._generation += 1

    def pids(self) -> list[int]:
        """Process ids of the live workers (tests kill one to see that no document is lost)."""
        procs = getattr(self._executor, "_processes", None) or {}
        return [p.pid for p in procs.values() if p.pid is not None]

    def submit(self, fn: Callable[..., Any], *args: Any) -> _PoolTask:
        assert self._executor is not None, "pool closed"
        task = _PoolTask(fn, args, self._executor.submit(fn, *args), generation=self._generation)
        self._tasks[id(task)] = task
        return task

    def result(self, task: Task) -> Any:
        assert isinstance(task, _PoolTask)
        try:
            while True:
                try:
                    return task.future.result()
                except BrokenProcessPool as exc:
                    if task.attempts >= MAX_ATTEMPTS:
                        raise WorkerLost(f"a worker process died {task.attempts} times running "
                                         f"{task.fn.__name__}: {exc}") from exc
                    self._restart(task)
        finally:
            self._tasks.pop(id(task), None)

    def gather_then(self, fn: Callable[..., Any], tasks: list[Task], *args: Any) -> Any:
        # A pool's results come back to this process anyway: fn runs here.
        return fn([self.result(task) for task in tasks], *args)

    def _restart(self, failed: _PoolTask) -> None:
        """New processes, and every task the dead pool held, not finished, submitted again."""
        if failed.generation == self._generation:
            log.warning("a worker process died; starting %d new ones and running its tasks again",
                        self.count)
            assert self._executor is not None
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._start()
        for task in self._tasks.values():
            if task.generation != self._generation and _lost(task.future):
                task.future = self._executor.submit(task.fn, *task.args)  # type: ignore[union-attr]
                task.generation = self._generation
                task.attempts += 1

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


def _lost(future: Future[Any]) -> bool:
    """The task did not finish in the dead pool (its own errors are results, not losses)."""
    if not future.done() or future.cancelled():
        return True
    return isinstance(future.exception(), BrokenProcessPool)


class DaskWorkers:
    """The workers of a Dask cluster: an existing one (``scheduler`` address) or, without one, a
    local cluster of ``local_workers`` processes with one thread each (spaCy holds the GIL).
    Dask runs a lost worker's tasks again elsewhere by itself; after ``MAX_ATTEMPTS`` losses
    (the scheduler's ``allowed-failures``) it raises ``KilledWorker``, which becomes WorkerLost."""

    def __init__(self, scheduler: str | None = None, local_workers: int = 2) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:
            raise ConfigError("Dask is not installed: pip install 'newsevents[dask]'") from exc
        self._cluster = None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout="30s")
            else:
                self._cluster = LocalCluster(n_workers=local_workers, threads_per_worker=1,
                                             processes=True, dashboard_address=None)
                self._client = Client(self._cluster)
        except OSError as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc

    @property
    def client(self) -> Any:
        return self._client

    @property
    def count(self) -> int:
        return max(1, sum(self._client.nthreads().values()))

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        # pure=False: two identical inputs are two tasks (Dask would otherwise run one and share
        # the result, which is right too, but the key hashing costs a pass over every text).
        return self._client.submit(fn, *args, pure=False)

    def result(self, task: Task) -> Any:
        from dask.distributed import KilledWorker

        try:
            return task.result()  # type: ignore[attr-defined]
        except KilledWorker as exc:
            raise WorkerLost(f"Dask workers died {MAX_ATTEMPTS} times running a task: {exc}") from exc

    def gather_then(self, fn: Callable[..., Any], tasks: list[Task], *args: Any) -> Any:
        # The tasks' futures as an argument: the scheduler moves their results between workers
        # and fn runs on one of them; a lost dependency fails fn with KilledWorker too.
        return self.result(self._client.submit(fn, tasks, *args, pure=False))

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


class InProcess:
    """This process as the only worker: a task runs when it is submitted (a run without workers
    that goes through the same path as one with them, ``partitions.write_run``)."""

    count = 1

    def submit(self, fn: Callable[..., Any], *args: Any) -> Task:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args))
        except Exception as exc:  # kept for result(), as a worker's exception would be
            future.set_exception(exc)
        return future

    def result(self, task: Task) -> Any:
        assert isinstance(task, Future)
        return task.result()

    def gather_then(self, fn: Callable[..., Any], tasks: list[Task], *args: Any) -> Any:
        return fn([self.result(task) for task in tasks], *args)

    def close(self) -> None:
        pass


def open_workers(workers: int = 1, scheduler: str | None = None, dask: bool = False) -> Workers | None:
    """Where to run: None (this process) for one worker and no Dask; a Dask cluster when a
    scheduler is given or ``dask`` is set (a local one of ``workers`` processes); else a pool."""
    if scheduler or dask:
        return DaskWorkers(scheduler, local_workers=workers)
    if workers <= 1:
        return None
    return ProcessPool(workers)
