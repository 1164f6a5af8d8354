"""Run Debian's real nginx as an ordinary process on loopback with the shipped server block (deploy/nginx/).

Its own prefix, configuration and logs live in a temporary folder; `master_process off` keeps it one process of
the current user (no privilege change, no worker user to read the site), `daemon off` keeps it a child of the test.
The shipped file is used unchanged except for its `listen`, `server_name`, `root` and TLS lines, and the
brotli include is switched on only where Debian's brotli modules are installed.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "nginx"
MODULES = Path("/usr/lib/nginx/modules")
BROTLI_MODULES = ("ngx_http_brotli_filter_module.so", "ngx_http_brotli_static_module.so")
MIME_TYPES = Path("/etc/nginx/mime.types")


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).is_file()), None)


def brotli_available() -> bool:
    return all((MODULES / name).is_file() for name in BROTLI_MODULES)


def server_block(port: int, root: Path, *, brotli: bool) -> str:
    """The shipped server block pointed at a loopback port and a site folder (nothing else changed)."""
    text = (DEPLOY / "cyber-export-guide.conf").read_text(encoding="utf-8")
    text, listens = re.subn(r"^\s*listen [^\n]*\n", "", text, flags=re.M)
    assert listens >= 1, "the shipped server block has no listen line"
    text = re.sub(
        r"^(\s*)server_name [^;]*;", rf"\1listen 127.0.0.1:{port};\n\1server_name 127.0.0.1;", text, count=1, flags=re.M
    )
    text, roots = re.subn(r"^(\s*)root [^;]*;", lambda m: f"{m.group(1)}root {root};", text, flags=re.M)
    assert roots == 1, "the shipped server block must have one root line"
    if brotli:
        text, n = re.subn(r"^(\s*)# (include snippets/cyber-export-guide-brotli\.conf;)", r"\1\2", text, flags=re.M)
        assert n == 1, "the brotli include line is missing from the shipped server block"
    return text


def main_config(prefix: Path, server: str, *, brotli: bool) -> str:
    loads = "".join(f"load_module {MODULES / name};\n" for name in BROTLI_MODULES) if brotli else ""
    return (
        f"{loads}master_process off;\ndaemon off;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log warn;\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        f"  access_log {prefix}/access.log;\n"
        f"  client_body_temp_path {prefix}/tmp/body;\n  proxy_temp_path {prefix}/tmp/proxy;\n"
        f"  fastcgi_temp_path {prefix}/tmp/fastcgi;\n  uwsgi_temp_path {prefix}/tmp/uwsgi;\n"
        f"  scgi_temp_path {prefix}/tmp/scgi;\n"
        "  sendfile on;\n"
        f"{server}\n"
        "}\n"
    )


def write_prefix(prefix: Path, site_dir: Path, port: int, *, brotli: bool) -> Path:
    """A complete nginx prefix: conf/nginx.conf, mime.types, the snippets (headers generated for this build)."""
    conf = prefix / "conf"
    (conf / "snippets").mkdir(parents=True, exist_ok=True)
    (prefix / "tmp").mkdir(exist_ok=True)
    shutil.copyfile(MIME_TYPES, conf / "mime.types")
    shutil.copyfile(DEPLOY / "cyber-export-guide-brotli.conf", conf / "snippets" / "cyber-export-guide-brotli.conf")
    headers = subprocess.run(
        [sys.executable, "-m", "sitegen.csp", "--nginx", str(site_dir)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    (conf / "snippets" / "cyber-export-guide-headers.conf").write_text(headers, encoding="utf-8")
    config = conf / "nginx.conf"
    config.write_text(main_config(prefix, server_block(port, site_dir, brotli=brotli), brotli=brotli), "utf-8")
    return config


@contextlib.contextmanager
def run_nginx(prefix: Path, site_dir: Path, port: int, *, brotli: bool) -> Iterator[str]:
    binary = nginx_binary()
    assert binary is not None
    config = write_prefix(prefix, site_dir, port, brotli=brotli)
    base = [binary, "-p", str(prefix), "-c", str(config), "-e", str(prefix / "error.log")]
    check = subprocess.run([*base, "-t"], capture_output=True, text=True)
    assert check.returncode == 0, f"nginx -t refused the shipped configuration:\n{check.stderr}"
    process = subprocess.Popen(base, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
            if process.poll() is not None or time.monotonic() > deadline:
                log = (prefix / "error.log").read_text(errors="replace") if (prefix / "error.log").exists() else ""
                raise AssertionError(f"nginx did not start: {log[-2000:]}")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
