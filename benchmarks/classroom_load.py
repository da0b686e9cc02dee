"""A classroom on a JupyterHub: how many students can run a lesson at the same time?

A real JupyterHub on loopback (127.0.0.1 only), with the dummy authenticator,
the simple local-process spawner (one Jupyter server per student, as on The
Littlest JupyterHub) and configurable-http-proxy. Each simulated student
starts a server, gets the course with nbgitpuller (the class link of
docs/classroom_server.md, from a local copy of the repository: no network),
opens a lesson and runs its code cells one after another through the
kernel's websocket, as JupyterLab does. N students do this at the same time;
N grows until a cell (other than the lesson's first import cell) takes longer
than the limit (2 s), or until the largest N tried.

    python -m benchmarks --only classroom       measure and add the section to the report
    python -m benchmarks.classroom_load 1 2 4   just print the figures for those class sizes

Needs requirements-classroom.txt (jupyterhub, nbgitpuller, configurable-http-proxy)
and git. Every request goes to 127.0.0.1; every process it starts is stopped at
the end.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LESSON = "notebooks/03_location_quotients.ipynb"
LIMIT_S = 2.0
CLASS_SIZES = (1, 2, 3, 4, 6, 8, 10, 12, 16, 20)
TOKEN = uuid.uuid4().hex


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _bin(name: str) -> str:
    found = Path(sys.executable).parent / name
    return str(found) if found.exists() else (shutil.which(name) or name)


def available() -> str | None:
    """None when a hub can be run here, else the reason it cannot."""
    missing = [m for m in ("jupyterhub", "nbgitpuller") if _module_missing(m)]
    if missing:
        return f"{', '.join(missing)} not installed (pip install -r requirements-classroom.txt)"
    if not Path(_bin("configurable-http-proxy")).exists() and not shutil.which("configurable-http-proxy"):
        return "configurable-http-proxy not found"
    if shutil.which("git") is None:
        return "git not found"
    return None


def _module_missing(name: str) -> bool:
    import importlib.util
    return importlib.util.find_spec(name) is None


def publish_course(folder: Path, source: Path = ROOT) -> str:
    """A bare copy of the course's repository (committed state) named 'klaster', as the class would pull it."""
    bare = folder / "klaster"
    subprocess.run(["git", "clone", "--quiet", "--bare", str(source), str(bare)], check=True)
    branch = subprocess.run(["git", "-C", str(source), "rev-parse", "--abbrev-ref", "HEAD"],
                            capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run(["git", "-C", str(bare), "symbolic-ref", "HEAD", f"refs/heads/{branch}"], check=True)
    return f"file://{bare}"


class Hub:
    """A JupyterHub on 127.0.0.1 in a temporary folder; use as a context manager."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port, self.hub_port, self.api_port = _free_port(), _free_port(), _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def config(self) -> str:
        args = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
        return "\n".join([
            f"c.JupyterHub.ip = '127.0.0.1'",
            f"c.JupyterHub.port = {self.port}",
            f"c.JupyterHub.hub_ip = '127.0.0.1'",
            f"c.JupyterHub.hub_port = {self.hub_port}",
            f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{self.api_port}'",
            f"c.ConfigurableHTTPProxy.command = [{_bin('configurable-http-proxy')!r}]",
            f"c.JupyterHub.db_url = 'sqlite:///{self.folder / 'hub.sqlite'}'",
            f"c.JupyterHub.cookie_secret_file = {str(self.folder / 'cookie_secret')!r}",
            "c.JupyterHub.authenticator_class = 'dummy'",
            "c.Authenticator.allow_all = True",
            "c.JupyterHub.spawner_class = 'simple'",
            f"c.SimpleLocalProcessSpawner.home_dir_template = {str(self.folder / 'home' / '{username}')!r}",
            f"c.Spawner.cmd = [{_bin('jupyterhub-singleuser')!r}]",
            f"c.Spawner.args = {args!r}",
            "c.Spawner.default_url = '/lab'",
            "c.Spawner.start_timeout = 180",
            "c.Spawner.http_timeout = 180",
            "c.JupyterHub.cleanup_servers = True",
            "c.JupyterHub.services = [{'name': 'classroom-load', 'api_token': %r}]" % TOKEN,
            "c.JupyterHub.load_roles = [{'name': 'classroom-load', 'services': ['classroom-load'], "
            "'scopes': ['admin:users', 'admin:servers', 'access:servers', 'read:users']}]",
        ]) + "\n"

    def __enter__(self):
        (self.folder / "home").mkdir(parents=True, exist_ok=True)
        config = self.folder / "jupyterhub_config.py"
        config.write_text(self.config(), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("KLASTER_", "JUPYTERHUB_", "JPY_"))}
        env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
        self.log = open(self.folder / "hub.log", "wb")
        self.process = subprocess.Popen([_bin("jupyterhub"), "-f", str(config)], cwd=self.folder, env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 90
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub stopped at start:\n{self.log_tail()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    pass
                import urllib.request
                with urllib.request.urlopen(f"{self.url}/hub/api/", timeout=5) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"the hub did not answer within 90 s:\n{self.log_tail()}")

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join((self.folder / "hub.log").read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def descendants(self) -> list[int]:
        """Process ids of everything the hub started (servers, kernels, proxy), from /proc."""
        if self.process is None or not Path("/proc").exists():
            return []
        parents = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                parents[int(stat.parent.name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
        found, frontier = [], [self.process.pid]
        while frontier:
            pid = frontier.pop()
            children = [c for c, parent in parents.items() if parent == pid]
            found += children
            frontier += children
        return found

    def memory_mb(self) -> float | None:
        """Resident memory of the hub and everything it started, from /proc (None elsewhere)."""
        if self.process is None or not Path("/proc").exists():
            return None
        total = 0
        for pid in [self.process.pid, *self.descendants()]:
            try:
                total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            except (OSError, IndexError, ValueError):
                continue
        return total / 2**20

    def __exit__(self, *exc):
        started = self.descendants()
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # the hub stops the students' servers and the proxy
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        time.sleep(1)
        for pid in started:  # anything the hub started and left behind, by its id
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        self.log.close()
        return False


class Classroom:
    """Simulated students talking to a running Hub over HTTP and websockets (tornado clients)."""

    def __init__(self, hub: Hub):
        from tornado.httpclient import AsyncHTTPClient
        AsyncHTTPClient.configure(None, max_clients=200)
        self.hub = hub
        self.http = AsyncHTTPClient()
        self.headers = {"Authorization": f"token {TOKEN}"}

    async def request(self, method: str, path: str, body=None, timeout: float = 300):
        from tornado.httpclient import HTTPRequest
        request = HTTPRequest(self.hub.url + path, method=method, headers=self.headers,
                              body=None if body is None else json.dumps(body),
                              allow_nonstandard_methods=True, request_timeout=timeout, connect_timeout=60)
        response = await self.http.fetch(request, raise_error=False)
        if response.code >= 400:
            raise RuntimeError(f"{method} {path}: HTTP {response.code} {response.body[:300]!r}")
        return json.loads(response.body) if response.body else None

    async def start_server(self, name: str) -> float:
        """Create the student and start their server; seconds until it is ready."""
        started = time.perf_counter()
        await self.request("POST", f"/hub/api/users/{name}", {})
        await self.request("POST", f"/hub/api/users/{name}/server", {})
        while True:
            user = await self.request("GET", f"/hub/api/users/{name}")
            server = user.get("servers", {}).get("", {})
            if server.get("ready"):
                return time.perf_counter() - started
            if time.perf_counter() - started > 240:
                raise RuntimeError(f"{name}'s server did not start in 240 s")
            await asyncio.sleep(0.5)

    async def stop_server(self, name: str) -> None:
        await self.request("DELETE", f"/hub/api/users/{name}/server")

    async def git_pull(self, name: str, repo: str, branch: str) -> float:
        """What the class link does: nbgitpuller clones (or merges) the course into ~/klaster."""
        from urllib.parse import urlencode
        started = time.perf_counter()
        query = urlencode({"repo": repo, "branch": branch})
        from tornado.httpclient import HTTPRequest
        response = await self.http.fetch(HTTPRequest(f"{self.hub.url}/user/{name}/git-pull/api?{query}",
                                                     headers=self.headers, request_timeout=300), raise_error=False)
        events = [json.loads(line[6:]) for line in response.body.decode().splitlines() if line.startswith("data: ")]
        if not events or events[-1].get("phase") != "finished":
            raise RuntimeError(f"nbgitpuller failed for {name}: {events[-1] if events else response.code}")
        return time.perf_counter() - started

    async def run_notebook(self, name: str, path: str, cells: list[str]) -> list[dict]:
        """Open the notebook (a session, so the kernel runs in its folder) and run ``cells`` in order."""
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect
        session = await self.request("POST", f"/user/{name}/api/sessions",
                                     {"path": path, "type": "notebook", "name": Path(path).name,
                                      "kernel": {"name": "python3"}})
        kernel, session_id = session["kernel"]["id"], uuid.uuid4().hex
        ws_url = self.hub.url.replace("http", "ws") + f"/user/{name}/api/kernels/{kernel}/channels?session_id={session_id}"
        ws = await websocket_connect(HTTPRequest(ws_url, headers=self.headers, request_timeout=120,
                                                 connect_timeout=120), max_message_size=256 * 2**20)
        timings = []
        try:
            await self._execute(ws, session_id, name, "pass", kind="kernel_info_request")
            for index, code in enumerate(cells):
                started = time.perf_counter()
                status, error = await self._execute(ws, session_id, name, code)
                timings.append({"cell": index, "seconds": time.perf_counter() - started, "status": status,
                                "error": error})
        finally:
            ws.close()
        return timings, session["id"]

    async def close_notebook(self, name: str, session_id: str) -> None:
        await self.request("DELETE", f"/user/{name}/api/sessions/{session_id}")

    async def _execute(self, ws, session_id: str, name: str, code: str, kind: str = "execute_request"):
        msg_id = uuid.uuid4().hex
        content = {} if kind == "kernel_info_request" else {
            "code": code, "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False,
            "stop_on_error": True}
        await ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": name, "session": session_id, "msg_type": kind,
                       "version": "5.3", "date": dt.datetime.now(dt.timezone.utc).isoformat()},
            "parent_header": {}, "metadata": {}, "content": content, "channel": "shell", "buffers": []}))
        reply = "execute_reply" if kind == "execute_request" else "kernel_info_reply"
        error = None
        while True:
            message = await asyncio.wait_for(ws.read_message(), timeout=300)
            if message is None:
                raise RuntimeError(f"{name}: the kernel's websocket closed")
            if isinstance(message, bytes):
                continue  # a message with binary buffers (a widget's picture): not what we wait for
            msg = json.loads(message)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "error":
                error = f"{msg['content'].get('ename')}: {msg['content'].get('evalue')}"
            if msg["msg_type"] == reply:
                return msg["content"].get("status"), error


def lesson_cells(path: Path) -> tuple[list[str], int]:
    """The code cells of a notebook, and the index (among them) of its first klaster import."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cells = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    first_import = next((i for i, c in enumerate(cells) if "klaster" in c and "import" in c
                         and "google.colab" not in c), 0)
    return cells, first_import


async def _round(hub: Hub, names: list[str], repo: str, branch: str, lesson: str, home: Path) -> dict:
    classroom = Classroom(hub)  # inside the round's event loop
    spawn = await asyncio.gather(*(classroom.start_server(n) for n in names))
    pull = await asyncio.gather(*(classroom.git_pull(n, repo, branch) for n in names))
    cells, first_import = lesson_cells(home / names[0] / "klaster" / lesson)
    opened = await asyncio.gather(*(classroom.run_notebook(n, f"klaster/{lesson}", cells) for n in names))
    memory = classroom.hub.memory_mb()  # every student's server and kernel still running
    await asyncio.gather(*(classroom.close_notebook(n, sid) for n, (_, sid) in zip(names, opened)))
    runs = [timings for timings, _ in opened]
    await asyncio.gather(*(classroom.stop_server(n) for n in names))
    errors = [f"{n}, cell {t['cell']}: {t['error'] or t['status']}" for n, run in zip(names, runs) for t in run
              if t["status"] != "ok"]
    imports = [run[first_import]["seconds"] for run in runs]
    later = [t["seconds"] for run in runs for t in run if t["cell"] != first_import]
    later.sort()
    return {"students": len(names), "spawn_max_s": max(spawn), "spawn_median_s": statistics.median(spawn),
            "pull_max_s": max(pull), "import_cell_max_s": max(imports),
            "cell_median_s": statistics.median(later), "cell_p95_s": later[int(0.95 * (len(later) - 1))],
            "cell_max_s": later[-1], "lesson_max_s": max(sum(t["seconds"] for t in run) for run in runs),
            "cells": len(cells), "memory_mb": memory, "errors": errors}


def classroom(sizes=CLASS_SIZES, lesson: str = LESSON, limit_s: float = LIMIT_S, stop_after_limit: bool = True,
              source: Path = ROOT) -> dict:
    """Run rounds of N simultaneous students; returns the rounds and the largest N within the limit."""
    reason = available()
    if reason:
        return {"skipped": reason}
    folder = Path(tempfile.mkdtemp(prefix="klaster-hub-"))
    rounds = []
    try:
        repo = publish_course(folder, source)
        branch = subprocess.run(["git", "-C", str(source), "rev-parse", "--abbrev-ref", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
        with Hub(folder) as hub:
            for size in sizes:
                names = [f"s{size:02d}x{i:02d}" for i in range(size)]
                print(f"  {size} student(s) at once ...", flush=True)
                result = asyncio.run(_round(hub, names, repo, branch, lesson, folder / "home"))
                rounds.append(result)
                print(f"    slowest cell {result['cell_max_s']:.2f} s, p95 {result['cell_p95_s']:.2f} s, "
                      f"imports {result['import_cell_max_s']:.2f} s, servers ready in {result['spawn_max_s']:.1f} s",
                      flush=True)
                if stop_after_limit and (result["cell_max_s"] > limit_s or result["errors"]):
                    break
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    within = [r["students"] for r in rounds if r["cell_max_s"] <= limit_s and not r["errors"]]
    return {"lesson": lesson, "limit_s": limit_s, "rounds": rounds, "max_students_within_limit": max(within, default=0),
            "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "cores": os.cpu_count()}


def report_lines(result: dict) -> list[str]:
    """The benchmark report's section on the classroom server."""
    lines = ["## 5. Classroom server (JupyterHub on this machine)", ""]
    if "skipped" in result:
        return lines + [f"Not measured: {result['skipped']}.", ""]
    lines += [f"Measured {result['date']} on {result['cores']} cores. A JupyterHub on loopback (dummy authenticator, "
              "one local Jupyter server per student, configurable-http-proxy); every student starts a server, gets "
              f"the course with the nbgitpuller class link, opens `{result['lesson']}` and runs its code cells through "
              "the kernel's websocket, all students at the same time.", "",
              "| students at once | servers ready (max s) | nbgitpuller (max s) | import cell (max s) | "
              "other cells: median / p95 / max (s) | whole lesson (max s) | memory (MB) | errors |",
              "|---|---|---|---|---|---|---|---|"]
    for r in result["rounds"]:
        memory = f"{r['memory_mb']:.0f}" if r.get("memory_mb") else "n/a"
        lines.append(f"| {r['students']} | {r['spawn_max_s']:.1f} | {r['pull_max_s']:.1f} | {r['import_cell_max_s']:.2f} | "
                     f"{r['cell_median_s']:.2f} / {r['cell_p95_s']:.2f} / {r['cell_max_s']:.2f} | {r['lesson_max_s']:.1f} | "
                     f"{memory} | {len(r['errors'])} |")
    lines += ["", f"**Students served at once before a cell takes longer than {result['limit_s']:.0f} s: "
                  f"{result['max_students_within_limit']}** (the lesson's first import cell, which loads the "
                  "libraries into a new kernel, is counted apart). The machine was shared with other work while "
                  "this was measured, so the figure is noisy: re-measure it on a quiet machine with "
                  "`python -m benchmarks --only classroom` before sizing a server on it.", ""]
    return lines


def main(argv=None) -> int:
    sizes = tuple(int(a) for a in (argv if argv is not None else sys.argv[1:])) or CLASS_SIZES
    result = classroom(sizes)
    print("\n".join(report_lines(result)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
