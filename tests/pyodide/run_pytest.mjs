// Run pytest inside Pyodide under Node, offline, on a copy of the engine tests.
//
//   node tests/pyodide/run_pytest.mjs --checker-wheel FILE [--wheels DIR] [--summary FILE] [-- PYTEST_ARGS...]
//
// 1. loads Pyodide from node_modules/pyodide (every network request refused and reported: see pyodide_node.mjs);
// 2. unpacks the pure wheels of pytest, hypothesis and their dependencies (default .cache/pyodide-wheels, filled by
//    `bash dev.sh setup`) and the checker wheel (built by sitegen/wheel.py, as for the site) into site-packages;
// 3. copies pyproject.toml (pytest's configuration) and the test files the engine tests use (tests/__init__.py,
//    tests/conftest.py if any, tests/scenarios.py, tests/engine/, tests/fixtures/, and tests/pyodide/ for the summary
//    plugin and the runner's self-check cases) to /repo;
// 4. runs pytest.main(PYTEST_ARGS) there (default: tests/engine) with the summary plugin, which writes the collected
//    node ids and outcomes; --summary copies that JSON to the host.
// Exit status: pytest's, or 10 for a setup problem (message says what to run), 11 if a network request was attempted,
// 12 if a JavaScript promise was rejected unhandled.

import fs from "node:fs";
import path from "node:path";
import {
  REPO,
  SetupError,
  copyFile,
  copyTree,
  installWheel,
  installWheelDir,
  loadOfflinePyodide,
  networkAttempts,
} from "./pyodide_node.mjs";

const FS_ROOT = "/repo";
const FS_SUMMARY = "/pytest-summary.json"; // in Pyodide's in-memory file system

function parseArgs(argv) {
  const options = { wheels: path.join(REPO, ".cache", "pyodide-wheels"), checkerWheel: null, summary: null };
  let pytestArgs = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      pytestArgs = argv.slice(i + 1);
      break;
    } else if (arg === "--checker-wheel" || arg === "--wheels" || arg === "--summary") {
      if (i + 1 >= argv.length) throw new SetupError(`${arg} needs a value`);
      const key = { "--checker-wheel": "checkerWheel", "--wheels": "wheels", "--summary": "summary" }[arg];
      options[key] = path.resolve(argv[++i]);
    } else {
      throw new SetupError(`unknown argument ${arg}; usage: run_pytest.mjs --checker-wheel FILE [--wheels DIR] [--summary FILE] [-- PYTEST_ARGS...]`);
    }
  }
  if (!options.checkerWheel) {
    throw new SetupError("--checker-wheel is required (build it with `python -m sitegen.wheel OUT_DIR`)");
  }
  if (!fs.existsSync(options.checkerWheel)) throw new SetupError(`${options.checkerWheel} does not exist`);
  options.pytestArgs = pytestArgs ?? ["tests/engine"];
  return options;
}

function copyTests(pyodide) {
  copyFile(pyodide, path.join(REPO, "pyproject.toml"), `${FS_ROOT}/pyproject.toml`);
  let count = 1;
  for (const file of ["tests/__init__.py", "tests/conftest.py", "tests/scenarios.py"]) {
    const host = path.join(REPO, file);
    if (fs.existsSync(host)) {
      copyFile(pyodide, host, `${FS_ROOT}/${file}`);
      count += 1;
    } else if (file !== "tests/conftest.py") {
      throw new SetupError(`${file} is missing from the repository`);
    }
  }
  for (const dir of ["tests/engine", "tests/fixtures", "tests/pyodide"]) {
    count += copyTree(pyodide, path.join(REPO, dir), `${FS_ROOT}/${dir}`);
  }
  return count;
}

const unhandled = [];
process.on("unhandledRejection", (reason) => {
  unhandled.push(reason);
  console.error("run_pytest: unhandled promise rejection:", reason?.message ?? reason);
});

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const { pyodide, version, loadMs } = await loadOfflinePyodide();
  const python = pyodide.runPython("import sys; sys.version.split()[0]");
  console.log(`run_pytest: Pyodide ${version}, Python ${python} (loaded in ${(loadMs / 1000).toFixed(1)} s)`);

  const tools = installWheelDir(pyodide, options.wheels, "pytest/hypothesis");
  const checker = installWheel(pyodide, options.checkerWheel);
  const files = copyTests(pyodide);
  console.log(`run_pytest: installed ${tools.join(", ")}, ${checker}; copied ${files} test files to ${FS_ROOT}`);

  pyodide.globals.set("PYTEST_ARGS", pyodide.toPy(options.pytestArgs));
  const status = await pyodide.runPythonAsync(`
import os, sys
os.environ["PYTEST_SUMMARY_JSON"] = ${JSON.stringify(FS_SUMMARY)}
os.chdir(${JSON.stringify(FS_ROOT)})
sys.path.insert(0, ${JSON.stringify(FS_ROOT)})
sys.dont_write_bytecode = True

import checker
if "site-packages" not in checker.__file__:
    raise SystemExit(f"checker was imported from {checker.__file__}, not from the installed wheel")

class NoDeadline:
    """Timing is not what these tests check and Pyodide is slower than CPython: no per-example deadline."""

    def pytest_configure(self, config):
        from hypothesis import settings  # imported here so pytest can still rewrite hypothesis's asserts

        settings.register_profile("pyodide", deadline=None)
        settings.load_profile("pyodide")


import pytest
int(pytest.main(["-p", "tests.pyodide.pytest_summary", "-p", "no:cacheprovider", *PYTEST_ARGS], plugins=[NoDeadline()]))
`);
  if (options.summary) {
    fs.writeFileSync(options.summary, pyodide.FS.readFile(FS_SUMMARY));
  }
  const attempts = networkAttempts();
  if (attempts.length > 0) {
    console.error(`run_pytest: FAILED: ${attempts.length} network request(s) attempted: ${attempts.join(", ")}`);
    return 11;
  }
  if (unhandled.length > 0) {
    console.error(`run_pytest: FAILED: ${unhandled.length} unhandled promise rejection(s)`);
    return 12;
  }
  console.log(`run_pytest: pytest exit status ${status} inside Pyodide ${version} (Python ${python})`);
  return status;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof SetupError) {
    console.error(`run_pytest: setup problem: ${error.message}`);
    process.exitCode = 10;
  } else {
    console.error("run_pytest: error:", error?.stack ?? error);
    process.exitCode = 1;
  }
}
