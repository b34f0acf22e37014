"""Several app processes behind one address: ``coach serve --workers N``.

One Python process is bound to one core by its GIL, and in the app most of a request's CPU is Gradio's own (queue,
SSE, JSON, pydantic), not the answer's; so more queue workers in one process do not answer more questions per
second. This front starts N app processes (``coach serve`` on private loopback ports, each a whole Gradio app over
the same library) and passes every HTTP connection to one of them unchanged.

A browser session stays on one process: Gradio keeps a session's state (``gr.State``), its queue and its event
stream in the process that serves it, so every request naming a ``session_hash`` (queue join, the SSE stream,
heartbeat, cancel) goes to the process that first saw that session. Requests naming none (the page, assets,
config, uploads, file downloads) go to the first process: uploads and downloads live in Gradio's shared upload
folder, which every process serves. Every request is routed on its own, so a browser's keep-alive connection,
shared by its tabs, can never take one session's request to another's process. Connections are kept alive on both
sides (the front finds where each response ends with httptools' parser): a new TCP connection per request cost the
front, the app process (uvicorn) and the client about as much CPU as a tenth of the answer. Requests the front does
not buffer (uploads, big bodies, WebSocket upgrades, HEAD, HTTP/1.0, ``Expect``) keep the simplest path: their own
upstream connection, piped both ways until the app process closes it.

Writes stay serialised across the processes by the library's file lock, and every process sees another's write at
its next request (the catalog's generation check). Nothing here imports gradio or the Coach: the front is small.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

log = logging.getLogger("coach.front")

MAX_HEAD = 64 * 1024  # bytes of request line + headers
MAX_PEEK_BODY = 64 * 1024 * 1024  # a queue/join body read to find its session (pasted articles are a few MB)
MAX_SESSIONS = 50_000  # sticky session -> process entries kept (least recently used dropped first)
READY_TIMEOUT = 300.0
RESTART_RESET = 600.0  # a process that ran this long before exiting is restarted at once, not after a back-off
MAX_BUFFERED_BODY = 1024 * 1024  # request bodies up to this size are read whole: such a request can be replayed
CLIENT_IDLE = 75.0  # seconds a kept-alive client connection may wait for its next request
UPSTREAM_IDLE = 3.0  # a pooled app connection idle longer is dropped (uvicorn closes idle ones after 5 s)
POOL_SIZE = 64  # idle connections kept per app process
# Shared by the processes so that what one encrypted into a browser's storage (the saved conversation) another can
# read after a reload that lands the new session on it.
BROWSER_SECRET_ENV = "COACH_BROWSER_STATE_SECRET"
APP_PROCESS_ENV = "COACH_APP_PROCESS"  # set in the app processes' environment (their index)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


@dataclass
class Worker:
    """One app process on a private loopback port."""

    index: int
    port: int
    proc: subprocess.Popen | None = None
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    sessions: int = 0  # sticky sessions assigned to it
    restarts: int = 0  # in a row, each one sooner than RESTART_RESET after the last
    started: float = 0.0


class SessionRouter:
    """session_hash -> worker index, sticky; a new session goes to the ready worker holding the fewest."""

    def __init__(self, workers: list[Worker], capacity: int = MAX_SESSIONS):
        self.workers = workers
        self.capacity = capacity
        self._table: OrderedDict[str, int] = OrderedDict()

    def worker_for(self, session: str | None) -> Worker | None:
        """The worker for ``session`` (None: the first ready worker); None when no worker is ready."""
        ready = [w for w in self.workers if w.ready.is_set()]
        if not ready:
            return None
        if session is None:
            return ready[0]
        index = self._table.get(session)
        if index is not None and self.workers[index].ready.is_set():
            self._table.move_to_end(session)
            return self.workers[index]
        if index is not None:  # its process restarted: the session's state is gone anyway
            self._forget(session)
        worker = min(ready, key=lambda w: (w.sessions, w.index))
        self._table[session] = worker.index
        worker.sessions += 1
        while len(self._table) > self.capacity:
            self._forget(next(iter(self._table)))
        return worker

    def _forget(self, session: str) -> None:
        index = self._table.pop(session)
        self.workers[index].sessions -= 1

    def drop_worker(self, index: int) -> None:
        """Forget the sessions of a worker that stopped (they start afresh wherever they land next)."""
        for session in [s for s, i in self._table.items() if i == index]:
            self._forget(session)


# -- reading just enough of a request ------------------------------------------------------------------------------
@dataclass
class RequestHead:
    method: str
    target: str
    version: str
    headers: list[tuple[str, str]]

    def header(self, name: str) -> str | None:
        name = name.lower()
        for k, v in self.headers:
            if k.lower() == name:
                return v
        return None

    def encode(self, *, close: bool, keep_alive: bool = False) -> bytes:
        """The head to send upstream; ``close`` asks the app process to close after this one response,
        ``keep_alive`` drops the client's own connection headers (the upstream connection is the front's to keep)."""
        lines = [f"{self.method} {self.target} {self.version}"]
        for k, v in self.headers:
            if (close or keep_alive) and k.lower() in ("connection", "keep-alive"):
                continue
            lines.append(f"{k}: {v}")
        if close:
            lines.append("Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def reusable(self) -> bool:
        """Whether this request and its response can share kept-alive connections: a whole body of known size that
        the front can buffer, a response whose end the parser can see (not HEAD's, not a protocol switch)."""
        if self.version != "HTTP/1.1" or self.method in ("HEAD", "CONNECT"):
            return False
        if any(self.header(h) is not None for h in ("upgrade", "transfer-encoding", "expect")):
            return False
        length = self.header("content-length")
        return length is None or (length.isdigit() and int(length) <= MAX_BUFFERED_BODY)

    def wants_close(self) -> bool:
        return "close" in (self.header("connection") or "").lower()


def parse_head(raw: bytes) -> RequestHead:
    """Request line and headers (latin-1, as HTTP/1.1 defines them); ValueError when malformed."""
    lines = raw.decode("latin-1").split("\r\n")
    method, target, version = lines[0].split(" ", 2)
    if not version.startswith("HTTP/"):
        raise ValueError(f"not an HTTP request line: {lines[0][:100]!r}")
    headers = []
    for line in lines[1:]:
        if not line:
            continue
        name, sep, value = line.partition(":")
        if not sep or not name.strip() or name != name.strip():
            raise ValueError(f"malformed header line: {line[:100]!r}")
        headers.append((name, value.strip()))
    return RequestHead(method, target, version, headers)


def session_of(head: RequestHead, body: bytes | None) -> str | None:
    """The Gradio session a request belongs to: ``?session_hash=``, ``/heartbeat/<hash>`` or the JSON body's."""
    parts = urlsplit(head.target)
    values = parse_qs(parts.query).get("session_hash")
    if values and values[0]:
        return values[0]
    marker = "/heartbeat/"
    if marker in parts.path:
        return parts.path.rsplit(marker, 1)[1].strip("/") or None
    if body:
        try:
            data = json.loads(body)
        except ValueError:
            return None
        value = data.get("session_hash") if isinstance(data, dict) else None
        return value if isinstance(value, str) and value else None
    return None


def wants_body(head: RequestHead) -> bool:
    """Requests whose session is named only in their JSON body (queue join, cancel)."""
    path = urlsplit(head.target).path
    return head.method == "POST" and (path.endswith("/queue/join") or path.endswith("/cancel"))


# -- the front ---------------------------------------------------------------------------------------------------
class Front:
    """Accepts connections on ``host:port`` and passes each to one of ``workers`` app processes."""

    def __init__(self, worker_cmd: list[str], env: dict[str, str], workers: int):
        self.worker_cmd = worker_cmd
        self.env = env
        self.workers = [Worker(i, free_port()) for i in range(workers)]
        self.router = SessionRouter(self.workers)
        self.stopping = False
        self._pools: dict[int, list] = {}  # app port -> idle kept-alive connections (reader, writer, idle since)

    # processes
    def _spawn(self, w: Worker) -> None:
        w.started = time.monotonic()
        cmd = [*self.worker_cmd, "--host", "127.0.0.1", "--port", str(w.port)]
        w.proc = subprocess.Popen(cmd, env={**self.env, APP_PROCESS_ENV: str(w.index)}, preexec_fn=_die_with_parent)
        log.info("app process %d (pid %d) on port %d", w.index, w.proc.pid, w.port)

    async def _until_ready(self, w: Worker) -> bool:
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline and not self.stopping:
            if w.proc is None or w.proc.poll() is not None:
                return False
            if await _http_ok(w.port):
                w.ready.set()
                print(f"Interview Coach: app process {w.index} is serving", flush=True)
                return True
            await asyncio.sleep(0.2)
        return False

    async def supervise(self) -> None:
        """Start the first process, then the others once it serves (starting all at once on few cores would delay
        the first page by as much); restart a process that exits."""
        first, *rest = self.workers
        self._spawn(first)
        if not await self._until_ready(first):
            raise RuntimeError("the first app process did not start (see the messages above)")
        for w in rest:
            self._spawn(w)
        await asyncio.gather(*(self._until_ready(w) for w in rest))
        print(f"Interview Coach: serving with {sum(w.ready.is_set() for w in self.workers)} app processes", flush=True)
        while not self.stopping:
            await asyncio.sleep(1.0)
            for w in self.workers:
                if w.proc is not None and w.proc.poll() is not None and not self.stopping:
                    log.warning("app process %d exited (%s); restarting it", w.index, w.proc.returncode)
                    w.ready.clear()
                    self.router.drop_worker(w.index)
                    w.restarts = 0 if time.monotonic() - w.started > RESTART_RESET else w.restarts + 1
                    await asyncio.sleep(min(30.0, 2.0 ** min(w.restarts, 5)) if w.restarts else 0.1)
                    if self.stopping:
                        return
                    w.port = free_port()  # its old port may have been taken meanwhile
                    self._spawn(w)
                    asyncio.ensure_future(self._until_ready(w))

    def stop(self) -> None:
        self.stopping = True
        procs = [w.proc for w in self.workers if w.proc is not None and w.proc.poll() is None]
        for p in procs:
            p.terminate()
        deadline = time.monotonic() + 15
        for p in procs:
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()

    # connections
    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Serve one client connection: its requests one after another, each routed on its own."""
        try:
            first = True
            while await self._one_request(reader, writer, first):
                first = False
        except (ConnectionError, asyncio.IncompleteReadError, RuntimeError):
            pass  # the client went away (uvloop raises RuntimeError on a write to a closed transport)
        finally:
            writer.close()

    async def _one_request(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, first: bool) -> bool:
        """Read one request, pass it on, relay the response; True when the client connection may carry another."""
        try:
            reading = reader.readuntil(b"\r\n\r\n")
            raw = await (reading if first else asyncio.wait_for(reading, CLIENT_IDLE))
            head = parse_head(raw[:-4])
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, asyncio.TimeoutError, ValueError):
            return False  # not HTTP, idle too long, or the client went away
        body = None
        length = head.header("content-length")
        reusable = _httptools is not None and head.reusable()
        if length and length.isdigit() and (reusable or (wants_body(head) and int(length) <= MAX_PEEK_BODY)):
            if (head.header("expect") or "").lower() == "100-continue":
                writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
                head.headers = [(k, v) for k, v in head.headers if k.lower() != "expect"]
            body = await reader.readexactly(int(length))
        # Only a queue join or cancel names its session in its body (other bodies are not parsed for one).
        worker = self.router.worker_for(session_of(head, body if wants_body(head) else None))
        if worker is None:
            worker = await self._first_ready()
        if worker is None:
            writer.write(_plain(503, "the app is starting or restarting; try again in a moment"))
            return False
        if reusable:
            return await self._exchange(worker, head, body or b"", writer) and not head.wants_close()
        await self._pass_through(worker, head, body, reader, writer)
        return False

    async def _exchange(self, worker: Worker, head: RequestHead, body: bytes, writer: asyncio.StreamWriter) -> bool:
        """One request over a kept-alive app connection; its response relayed as it streams. True when the app
        kept the connection (the response ended cleanly)."""
        request = head.encode(close=False, keep_alive=True) + body
        pool = self._pools.setdefault(worker.port, [])
        while True:
            pooled = self._pooled(pool)
            try:
                up_reader, up_writer = pooled or await asyncio.open_connection("127.0.0.1", worker.port)
            except OSError:
                writer.write(_plain(502, "the app process is not reachable; try again in a moment"))
                return False
            end = _ResponseEnd()
            relayed = False
            try:
                up_writer.write(request)
                while not end.done:
                    data = await up_reader.read(65536)
                    if not data:
                        break
                    end.feed(data)
                    relayed = True
                    if writer.is_closing():
                        break
                    await _forward(writer, data)
            except (ConnectionError, OSError, RuntimeError, _httptools.HttpParserError):
                pass  # either side went away (RuntimeError: uvloop's write to a closed transport), or not HTTP
            if end.done and end.keep_alive and not writer.is_closing():
                if len(pool) < POOL_SIZE:
                    pool.append((up_reader, up_writer, time.monotonic()))
                else:
                    up_writer.close()
                return True
            up_writer.close()
            if pooled and not relayed:
                continue  # the app closed that idle connection as the request went out: once more on a new one
            if not relayed:
                writer.write(_plain(502, "the app process closed the connection; try again in a moment"))
            return False

    @staticmethod
    def _pooled(pool: list) -> tuple | None:
        """The most recently used idle connection still open, if any."""
        now = time.monotonic()
        while pool:
            up_reader, up_writer, since = pool.pop()
            if now - since < UPSTREAM_IDLE and not up_writer.is_closing() and not up_reader.at_eof():
                return up_reader, up_writer
            up_writer.close()
        return None

    async def _pass_through(self, worker: Worker, head: RequestHead, body: bytes | None,
                            reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """A request on an upstream connection of its own, piped both ways until the app process closes it."""
        try:
            up_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", worker.port)
        except OSError:
            writer.write(_plain(502, "the app process is not reachable; try again in a moment"))
            return
        try:
            upgrade = head.header("upgrade") is not None  # a WebSocket keeps its own Connection header
            upstream_writer.write(head.encode(close=not upgrade) + (body or b""))
            # The response ends the exchange (the app process closes after it); the request side may stay open.
            sending = asyncio.ensure_future(_pipe(reader, upstream_writer))
            try:
                await _pipe(up_reader, writer)
            finally:
                sending.cancel()
        finally:
            upstream_writer.close()

    async def _first_ready(self) -> Worker | None:
        """Wait (the app is starting) for a ready worker."""
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline and not self.stopping:
            ready = [w for w in self.workers if w.ready.is_set()]
            if ready:
                return ready[0]
            await asyncio.sleep(0.1)
        return None


async def _forward(writer: asyncio.StreamWriter, data: bytes) -> None:
    """Write ``data``; wait for the peer only once over a MiB is buffered (memory bounded, no drain per chunk)."""
    writer.write(data)
    if writer.transport.get_write_buffer_size() > 1 << 20:
        await writer.drain()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Copy until end of stream, then half-close the other side (a response may still be on its way back)."""
    try:
        while True:
            data = await reader.read(65536)
            if not data or writer.is_closing():
                break
            await _forward(writer, data)
        if writer.can_write_eof() and not writer.is_closing():
            writer.write_eof()
    except (ConnectionError, OSError, RuntimeError):  # uvloop: RuntimeError on a write to a closed transport
        writer.close()


try:  # installed with uvicorn[standard]; without it every request takes the pass-through path
    import httptools as _httptools
except ImportError:  # pragma: no cover
    _httptools = None


class _ResponseEnd:
    """Where an HTTP/1.1 response ends (Content-Length, chunked or at close), from httptools' parser callbacks."""

    def __init__(self):
        self.parser = _httptools.HttpResponseParser(self)
        self.done = False
        self.keep_alive = False

    def feed(self, data: bytes) -> None:
        self.parser.feed_data(data)

    def on_message_complete(self) -> None:
        if self.parser.get_status_code() >= 200:  # an interim 1xx is followed by the real response
            self.done = True
            self.keep_alive = self.parser.should_keep_alive()


async def _http_ok(port: int) -> bool:
    try:
        r, w = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return False
    try:
        w.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        line = await asyncio.wait_for(r.readline(), timeout=10)
        return line.split(b" ")[1:2] == [b"200"]
    except (OSError, asyncio.TimeoutError, IndexError):
        return False
    finally:
        w.close()


def _plain(status: int, text: str) -> bytes:
    reason = {502: "Bad Gateway", 503: "Service Unavailable"}[status]
    body = text.encode()
    return (f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {len(body)}"
            f"\r\nConnection: close\r\n\r\n").encode() + body


def _die_with_parent() -> None:
    """In the child before exec: a SIGKILLed front must not leave its app processes behind (Linux)."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - elsewhere the front's own shutdown stops them
        pass


def serve_workers(host: str, port: int, workers: int, env: dict[str, str] | None = None) -> int:
    """Run the front on ``host:port`` over ``workers`` app processes until SIGINT/SIGTERM; returns an exit code."""
    import secrets

    env = dict(env or os.environ)
    env["COACH_WORKERS"] = "1"  # each app process serves alone on its private port
    env.setdefault(BROWSER_SECRET_ENV, secrets.token_urlsafe(32))
    front = Front([sys.executable, "-m", "coach.cli", "serve"], env, workers)
    try:
        import uvloop  # installed with uvicorn[standard]; the front then costs less CPU per connection

        loop = uvloop.new_event_loop()
    except ImportError:
        loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)

    async def main() -> int:
        stopped = asyncio.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stopped.set)
        server = await asyncio.start_server(front.handle, host, port, limit=MAX_HEAD, backlog=1024)
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        print(f"Interview Coach: http://{shown}:{port}", flush=True)
        supervisor = asyncio.ensure_future(front.supervise())
        waiter = asyncio.ensure_future(stopped.wait())
        done, _ = await asyncio.wait({supervisor, waiter}, return_when=asyncio.FIRST_COMPLETED)
        code = 0
        if supervisor in done and supervisor.exception() is not None:
            print(f"coach: error: {supervisor.exception()}", file=sys.stderr, flush=True)
            code = 1
        server.close()
        supervisor.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await supervisor
        return code

    try:
        return loop.run_until_complete(main())
    finally:
        front.stop()
        loop.close()
