"""Session fixtures for the browser checker tests: the site built once into a temp dir with its site_url set to
the origin it is served from (so Material's instant navigation is exercised), Debian's Chromium, and pages that
record every request so a test fails on any request off the origin, worker requests included."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.siteserver import CHROMIUM, CHROMIUM_ARGS, build_site, free_port, serve


@pytest.fixture(scope="session")
def site_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def checker_site(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Path:
    site_dir = tmp_path_factory.mktemp("checker-site") / "site"
    build_site(site_dir, f"http://127.0.0.1:{site_port}/")
    return site_dir


@pytest.fixture(scope="session")
def origin(checker_site: Path, site_port: int) -> Iterator[str]:
    with serve(checker_site, site_port) as url:
        yield url


# Module scope: Playwright's sync API allows one instance at a time per thread, and other test modules
# (tests/site) start their own.
@pytest.fixture(scope="module")
def playwright_instance() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian chromium is not installed at {CHROMIUM}: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def browser(playwright_instance: object) -> Iterator[object]:
    instance = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)  # type: ignore[attr-defined]
    yield instance
    instance.close()


class Recorder:
    """Every request a context makes (pages and workers), every dialog, every uncaught page error."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.sw_requests: list[str] = []

    def off_origin(self, origin: str) -> list[str]:
        allowed = (origin, "blob:", "data:")
        return [url for url in self.requests + self.sw_requests if not url.startswith(allowed)]


def _from_service_worker(request: Any) -> bool:
    try:
        return request.service_worker is not None
    except AttributeError:  # an older Playwright without Request.service_worker
        return False


# Every recorder made during a test: `fail_on_page_errors` (autouse) fails the test on any uncaught page error
# recorded while it ran, whichever context or page it came from.
RECORDERS: list[Recorder] = []


def watch_page(page: Any, recorder: Recorder) -> Any:
    """Record a page's dialogs and uncaught errors (pages of open_context are watched already)."""
    page.on("dialog", lambda dialog: (recorder.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: recorder.errors.append(str(error)))
    if recorder not in RECORDERS:
        RECORDERS.append(recorder)
    return page


def open_context(browser: object, origin: str, **kwargs: object) -> tuple[object, Recorder]:
    context = browser.new_context(accept_downloads=True, **kwargs)  # type: ignore[attr-defined]
    recorder = Recorder()
    RECORDERS.append(recorder)
    # The site's service worker re-issues page and worker requests it forwards; those are kept apart (still checked
    # for other origins), so `requests` counts what the page and its worker asked for.
    context.on(
        "request",
        lambda request: (recorder.sw_requests if _from_service_worker(request) else recorder.requests).append(
            request.url
        ),
    )

    context.on("page", lambda page: watch_page(page, recorder))
    return context, recorder


@pytest.fixture(autouse=True)
def fail_on_page_errors() -> Iterator[None]:
    """No browser test passes with an uncaught error in a page (a script stopped half-way is a broken page even
    when the assertions after it hold)."""
    seen = {id(r): len(r.errors) for r in RECORDERS}
    yield
    new = [e for r in RECORDERS for e in r.errors[seen.get(id(r), 0) :]]
    assert not new, f"uncaught errors in the page: {new}"


@pytest.fixture()
def session(browser: object, origin: str) -> Iterator[tuple[object, Recorder]]:
    """A fresh browser context; on teardown, asserts no request left the origin and no script error happened."""
    context, recorder = open_context(browser, origin)
    yield context, recorder
    context.close()  # type: ignore[attr-defined]
    assert recorder.off_origin(origin) == [], "requests off the site's origin"
    assert recorder.errors == [], "uncaught errors in the page"


READY = '#dealchecker[data-state="ready"]'


def open_checker(context: Any, origin: str, suffix: str = "") -> Any:
    page = context.new_page()
    page.goto(origin + "checker/" + suffix)
    page.wait_for_selector(READY, timeout=60000)
    return page


@pytest.fixture(scope="module")
def checker_page(browser: Any, origin: str) -> Iterator[tuple[Any, Recorder]]:
    """One checker page, loaded once, for the tests that only fill and screen."""
    context, recorder = open_context(browser, origin)
    page = open_checker(context, origin)
    yield page, recorder
    context.close()
    assert recorder.off_origin(origin) == []
    assert recorder.errors == []
    assert recorder.dialogs == []
