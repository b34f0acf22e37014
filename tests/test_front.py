"""The front of `coach serve --workers N`: which app process a request goes to, read from real Gradio requests.

The requests below are what gradio_client 2.x and the browser send (queue join with the session in its JSON body,
the SSE stream and the heartbeat with it in the URL), and real socket round trips through the front (kept-alive
connections on both sides, streamed responses); the end-to-end behaviour (sessions keep their history, writes
reach every process) is tested against a running server in test_concurrency.py and test_concurrent_writes.py.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import json

import pytest

from coach.ui.front import RequestHead, SessionRouter, Worker, parse_head, session_of, wants_body


def _head(raw: str) -> RequestHead:
    return parse_head(raw.replace("\n", "\r\n").encode("latin-1"))


def _workers(n: int, ready: int | None = None) -> list[Worker]:
    workers = [Worker(i, 9000 + i) for i in range(n)]
    for w in workers[: n if ready is None else ready]:
        w.ready.set()
    return workers


def test_the_session_is_read_from_join_body_stream_query_and_heartbeat_path():
    join = _head("POST /gradio_api/queue/join HTTP/1.1\nHost: x\nContent-Type: application/json\nContent-Length: 9")
    body = json.dumps({"data": ["q", "", [], [], ""], "fn_index": 7, "trigger_id": 3, "session_hash": "abc123"})
    assert wants_body(join) and session_of(join, body.encode()) == "abc123"
    stream = _head("GET /gradio_api/queue/data?session_hash=abc123 HTTP/1.1\nHost: x")
    assert not wants_body(stream) and session_of(stream, None) == "abc123"
    beat = _head("GET /gradio_api/heartbeat/abc123 HTTP/1.1\nHost: x")
    assert session_of(beat, None) == "abc123"
    cancel = _head("POST /gradio_api/cancel HTTP/1.1\nHost: x")
    assert wants_body(cancel) and session_of(cancel, b'{"session_hash": "abc123", "event_id": "e1"}') == "abc123"
    # the page, assets, config and uploads name no session
    for line in ("GET / HTTP/1.1", "GET /config HTTP/1.1", "POST /gradio_api/upload?upload_id=u1 HTTP/1.1"):
        assert session_of(_head(line + "\nHost: x"), None) is None


def test_a_session_named_only_inside_the_question_text_is_not_taken():
    join = _head("POST /gradio_api/queue/join HTTP/1.1\nHost: x")
    body = json.dumps({"data": ['{"session_hash": "evil"}'], "session_hash": "mine"})
    assert session_of(join, body.encode()) == "mine"
    assert session_of(join, b"not json") is None
    assert session_of(join, b'["session_hash"]') is None


def test_malformed_heads_are_refused():
    for raw in (b"GARBAGE", b"GET / FTP/1.0", b"GET / HTTP/1.1\r\n bad: folded"):
        with pytest.raises(ValueError):
            parse_head(raw)


def test_upstream_head_asks_for_one_request_per_connection():
    head = _head("GET /gradio_api/queue/data?session_hash=s HTTP/1.1\nHost: x\nConnection: keep-alive\n"
                 "Keep-Alive: timeout=5\nAccept: text/event-stream")
    sent = head.encode(close=True).decode("latin-1")
    assert sent.startswith("GET /gradio_api/queue/data?session_hash=s HTTP/1.1\r\n")
    assert "keep-alive" not in sent.lower() and sent.endswith("Connection: close\r\n\r\n")
    assert "Accept: text/event-stream\r\n" in sent and "Host: x\r\n" in sent


def test_sessions_stick_and_new_ones_spread_over_ready_processes():
    workers = _workers(2)
    router = SessionRouter(workers)
    first = [router.worker_for(f"s{i}").index for i in range(6)]
    assert sorted(first) == [0, 0, 0, 1, 1, 1]  # spread evenly
    for _ in range(3):  # and every later request of a session goes where its first went
        assert [router.worker_for(f"s{i}").index for i in range(6)] == first
    assert router.worker_for(None).index == 0


def test_only_ready_processes_get_sessions_and_a_restarted_one_loses_its_own():
    workers = _workers(2, ready=1)
    router = SessionRouter(workers)
    assert {router.worker_for(f"a{i}").index for i in range(4)} == {0}  # the second is still starting
    workers[1].ready.set()
    assert [router.worker_for(f"b{i}").index for i in range(4)] == [1, 1, 1, 1]  # it catches up first
    assert router.worker_for("a0").index == 0  # old sessions stay
    # process 0 exits: its sessions start afresh on a ready process; nothing is routed to it meanwhile
    workers[0].ready.clear()
    router.drop_worker(0)
    assert workers[0].sessions == 0
    assert router.worker_for("a0").index == 1 and router.worker_for(None).index == 1
    workers[1].ready.clear()
    assert router.worker_for("a1") is None


def test_the_session_table_is_bounded():
    workers = _workers(2)
    router = SessionRouter(workers, capacity=100)
    for i in range(1000):
        router.worker_for(f"s{i}")
    assert len(router._table) == 100 and sum(w.sessions for w in workers) == 100


def _in_own_loop(coro):
    # A loop of its own in a thread of its own: a session-wide Playwright (sync API) may be running one in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result(timeout=60)


async def _front(ports: list[int]):
    """A front over already-listening upstream servers on ``ports``; returns (server, its port)."""
    from coach.ui.front import Front

    front = Front(["unused"], {}, len(ports))
    for worker, port in zip(front.workers, ports):
        worker.port = port
        worker.ready.set()
    srv = await asyncio.start_server(front.handle, "127.0.0.1", 0)
    return srv, srv.sockets[0].getsockname()[1]


def test_a_big_request_is_piped_on_a_connection_of_its_own_and_its_streamed_response_passes_through():
    """A queue join bigger than the front buffers (a pasted article): one upstream connection for it alone
    (``Connection: close``), the body passed whole, the response streamed back in parts until the app closes."""

    async def scenario() -> tuple[bytes, bytes]:
        seen: list[bytes] = []

        async def upstream(reader, writer):
            seen.append(await reader.readuntil(b"\r\n\r\n") + await reader.readexactly(len(BODY)))
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n")
            for i in range(3):
                writer.write(f"data: part {i}\n\n".encode())
                await writer.drain()
                await asyncio.sleep(0.05)
            writer.close()

        up = await asyncio.start_server(upstream, "127.0.0.1", 0)
        srv, port = await _front([up.sockets[0].getsockname()[1]])
        r, w = await asyncio.open_connection("127.0.0.1", port)
        w.write(b"POST /gradio_api/queue/join HTTP/1.1\r\nHost: h\r\nConnection: keep-alive\r\n"
                + f"Content-Length: {len(BODY)}\r\n\r\n".encode() + BODY)
        reply = await asyncio.wait_for(r.read(), timeout=10)  # read() returns at EOF: the front closed
        w.close()
        srv.close()
        up.close()
        return seen[0], reply

    from coach.ui.front import MAX_BUFFERED_BODY

    BODY = json.dumps({"data": ["Q" * (MAX_BUFFERED_BODY + 10)], "session_hash": "s1"}).encode()
    sent, reply = _in_own_loop(scenario())
    assert sent.endswith(b"Connection: close\r\n\r\n" + BODY) and b"keep-alive" not in sent
    assert reply.startswith(b"HTTP/1.1 200 OK") and reply.endswith(b"data: part 0\n\ndata: part 1\n\ndata: part 2\n\n")


async def _keep_alive_upstream(name: str, log: list, connections: list, close_after_each: bool = False):
    """A small HTTP/1.1 app: answers a join with JSON (Content-Length) and a stream request with a chunked event
    stream sent in parts; keeps each connection for the next request (unless ``close_after_each``)."""

    async def serve(reader, writer):
        connections.append(name)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                               if line.lower().startswith(b"content-length:")), 0)
                body = await reader.readexactly(length)
                log.append((name, head, body))
                if head.startswith(b"POST"):
                    payload = json.dumps({"event_id": f"{name}-{len(log)}"}).encode()
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                 + f"Content-Length: {len(payload)}\r\n\r\n".encode() + payload)
                else:
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                                 b"Transfer-Encoding: chunked\r\n\r\n")
                    for i in range(3):
                        part = f"data: {name} {i}\n\n".encode()
                        writer.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
                        await writer.drain()
                        await asyncio.sleep(0.02)
                    writer.write(b"0\r\n\r\n")
                await writer.drain()
                if close_after_each:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        writer.close()

    return await asyncio.start_server(serve, "127.0.0.1", 0)


async def _read_response(r) -> bytes:
    head = await r.readuntil(b"\r\n\r\n")
    if b"chunked" in head:
        return head + await r.readuntil(b"0\r\n\r\n")
    length = next(int(h.split(b":")[1]) for h in head.lower().split(b"\r\n") if h.startswith(b"content-length"))
    return head + await r.readexactly(length)


def _join(session: str) -> bytes:
    body = json.dumps({"data": ["Q"], "fn_index": 2, "session_hash": session}).encode()
    return (b"POST /gradio_api/queue/join HTTP/1.1\r\nHost: h\r\nConnection: keep-alive\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)


def _stream(session: str) -> bytes:
    return (f"GET /gradio_api/queue/data?session_hash={session} HTTP/1.1\r\nHost: h\r\nKeep-Alive: timeout=5"
            "\r\n\r\n").encode()


def test_one_kept_alive_client_connection_carries_two_sessions_each_to_its_own_process_over_kept_connections():
    """A browser's keep-alive connection, shared by two tabs: each request goes to its own session's process;
    answers (JSON, and chunked event streams sent in parts) come back whole and in order; each process is reached
    over one kept-alive connection for all its requests, and the client's connection headers stay with the front."""

    async def scenario():
        log, connections = [], []
        a = await _keep_alive_upstream("A", log, connections)
        b = await _keep_alive_upstream("B", log, connections)
        srv, port = await _front([a.sockets[0].getsockname()[1], b.sockets[0].getsockname()[1]])
        r, w = await asyncio.open_connection("127.0.0.1", port)
        replies = []
        for request in (_join("s1"), _join("s2"), _stream("s1"), _stream("s2"), _join("s1"), _stream("s1")):
            w.write(request)
            replies.append(await asyncio.wait_for(_read_response(r), timeout=10))
        w.close()
        srv.close()
        a.close()
        b.close()
        return log, connections, replies

    log, connections, replies = _in_own_loop(scenario())
    assert [name for name, _, _ in log] == ["A", "B", "A", "B", "A", "A"]
    assert sorted(connections) == ["A", "B"]  # one upstream connection per process, kept for every request
    assert all(b"keep-alive" not in head.lower() and b"connection:" not in head.lower() for _, head, _ in log)
    assert json.loads(log[4][2])["session_hash"] == "s1" and log[4][1].startswith(b"POST /gradio_api/queue/join")
    assert replies[0].endswith(b'{"event_id": "A-1"}') and replies[1].endswith(b'{"event_id": "B-2"}')
    assert b"data: A 0\n\n" in replies[2] and b"data: A 2\n\n" in replies[2] and replies[2].endswith(b"0\r\n\r\n")
    assert b"data: B 2\n\n" in replies[3] and b"A " not in replies[3]


def test_an_app_that_closes_kept_connections_still_answers_every_request():
    """An app process may close an idle kept-alive connection at any time (uvicorn does after 5 s): the front then
    opens a new one, and the client sees only its answers."""

    async def scenario():
        log, connections = [], []
        a = await _keep_alive_upstream("A", log, connections, close_after_each=True)
        srv, port = await _front([a.sockets[0].getsockname()[1]])
        r, w = await asyncio.open_connection("127.0.0.1", port)
        replies = []
        for request in (_join("s1"), _stream("s1"), _join("s1"), _stream("s1")):
            w.write(request)
            replies.append(await asyncio.wait_for(_read_response(r), timeout=10))
        w.close()
        srv.close()
        a.close()
        return connections, replies

    connections, replies = _in_own_loop(scenario())
    assert len(connections) == 4 and all(reply.startswith(b"HTTP/1.1 200 OK") for reply in replies)
    assert replies[3].endswith(b"data: A 2\n\n\r\n0\r\n\r\n")
