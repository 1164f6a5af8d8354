"""Cases the Pyodide runner must report as failures; test_pyodide_engine.py passes this file to the runner explicitly.

Not collected by a normal pytest run (the name does not match test_*.py).
"""


def test_a_failing_assertion_fails() -> None:
    assert 1 + 1 == 3


def test_a_network_request_is_refused() -> None:
    import js  # only inside Pyodide

    js.fetch("https://example.invalid/pyodide-runner-selfcheck")  # the runner must refuse and report this


def test_loading_a_package_is_refused() -> None:
    import pyodide_js  # only inside Pyodide

    pyodide_js.loadPackage("numpy")  # must raise: a missing package would otherwise be fetched from a CDN
