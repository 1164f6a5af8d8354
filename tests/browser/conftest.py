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


def open_context(browser: object, origin: str, **kwargs: object) -> tuple[object, Recorder]:
    context = browser.new_context(accept_downloads=True, **kwargs)  # type: ignore[attr-defined]
    recorder = Recorder()
    # The site's service worker re-issues page and worker requests it forwards; those are kept apart (still checked
    # for other origins), so `requests` counts what the page and its worker asked for.
    context.on(
        "request",
        lambda request: (recorder.sw_requests if _from_service_worker(request) else recorder.requests).append(
            request.url
        ),
    )

    def watch(page: object) -> None:
        page.on("dialog", lambda dialog: (recorder.dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
        page.on("pageerror", lambda error: recorder.errors.append(str(error)))  # type: ignore[attr-defined]

    context.on("page", watch)
    return context, recorder


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
