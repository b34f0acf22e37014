"""Gradio's request queue, woken by work instead of polling for it.

Gradio 6.31's dispatch loop looks for work every millisecond (``sleep_when_free``) and its progress loop every
10 ms, busy or idle: about 1,100 wake-ups a second, some 4 % of a core for an idle app process, and under load a
share of the one core the process's answers need. Here the dispatch loop sleeps until an event is queued or a job
ends (``MAX_NAP`` at most, in case something else frees a slot), and the progress loop polls only while jobs run.
The dispatch loop's body is Gradio's own (gradio is pinned: compare ``Queue.start_processing`` on an upgrade).
"""
from __future__ import annotations

import asyncio
import time

from gradio import queueing
from gradio.utils import run_coro_in_background, set_task_name

MAX_NAP = 0.05  # seconds the dispatch loop sleeps without a wake-up (idle: 20 wake-ups a second)
IDLE_PROGRESS_NAP = 0.05  # the progress loop's pace with no job running (Gradio's 10 ms while jobs run)


class WakefulQueue(queueing.Queue):
    """``Queue`` whose dispatch loop waits on an event set by ``push`` and at the end of every job."""

    _work: asyncio.Event

    def wake(self) -> None:
        self._work.set()

    async def push(self, *args, **kwargs):
        try:
            return await super().push(*args, **kwargs)
        finally:
            self.wake()

    async def process_events(self, *args, **kwargs):
        try:
            return await super().process_events(*args, **kwargs)
        finally:
            self.wake()  # a worker slot (and the fn's concurrency group) is free again

    async def _nap(self) -> None:
        try:
            await asyncio.wait_for(self._work.wait(), MAX_NAP)
        except asyncio.TimeoutError:
            pass

    async def start_processing(self) -> None:
        try:
            while not self.stopped:
                self._work.clear()  # before looking: a push from now on wakes the nap below
                if len(self) == 0 or None not in self.active_jobs:
                    await self._nap()
                    continue

                async with self.delete_lock:
                    event_batch = self.get_events()

                if event_batch:
                    events, batch, concurrency_id = event_batch
                    self.active_jobs[self.active_jobs.index(None)] = events
                    event_queue = self.event_queue_per_concurrency_id[concurrency_id]
                    event_queue.current_concurrency += 1
                    start_time = time.time()
                    fn = events[0].fn
                    event_queue.start_times_per_fn[fn].add(start_time)
                    for event in events:
                        if (a := self.event_analytics.get(event._id)) is not None:
                            a["status"] = "processing"
                    task = run_coro_in_background(self.process_events, events, batch, start_time, fn)
                    set_task_name(task, events[0].session_hash, fn._id, events[0]._id, batch)
                    self._asyncio_tasks.add(task)
                    task.add_done_callback(self._asyncio_tasks.discard)
                    if self.live_updates:
                        self.broadcast_estimations(concurrency_id)
                else:  # what is queued waits for its concurrency group: a job's end wakes us
                    await self._nap()
        finally:
            self.stopped = True
            self._cancel_asyncio_tasks()

    async def start_progress_updates(self) -> None:
        while not self.stopped:
            events = [evt for job in self.active_jobs if job is not None for evt in job]
            if not events:
                await asyncio.sleep(IDLE_PROGRESS_NAP)
                continue
            for event in events:
                if event.progress_pending and event.progress:
                    event.progress_pending = False
                    self.send_message(event, event.progress)
            await asyncio.sleep(self.progress_update_sleep_when_free)


def wakeful(queue: queueing.Queue) -> queueing.Queue:
    """Turn the queue ``Blocks.queue()`` made into a ``WakefulQueue`` (same state; before the app starts it)."""
    queue.__class__ = WakefulQueue
    queue._work = asyncio.Event()
    return queue
