// Load the pinned Pyodide from node_modules/pyodide under Node, strictly offline, and put files into its file system.
// Shared by tests/pyodide/run_pytest.mjs and benchmarks/engine_throughput.mjs.
//
// Offline means: no package is ever fetched. Pyodide in Node fetches a package it does not hold from a CDN and
// resolves anyway (the failure only reaches an error callback), so every fetch of a URL is refused here and recorded,
// loadPackage is disabled, and callers check networkAttempts() before reporting success.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A problem with the test environment rather than with the code under test (exit status 10). */
export class SetupError extends Error {}

const attempts = [];
const realFetch = globalThis.fetch;

/** Refuse every network request made from this process and remember it. */
export function guardNetwork() {
  globalThis.fetch = async (resource) => {
    const url = typeof resource === "string" ? resource : (resource?.url ?? String(resource));
    attempts.push(url);
    process.stderr.write(`pyodide_node: refused network request to ${url} (this run must be offline)\n`);
    throw new Error(`network access refused: ${url}`);
  };
  return realFetch;
}

export function networkAttempts() {
  return [...attempts];
}

/** The Pyodide directory (node_modules/pyodide), or a SetupError telling what to run. */
export function pyodideDir(repo = REPO) {
  const dir = path.join(repo, "node_modules", "pyodide");
  for (const file of ["pyodide.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]) {
    if (!fs.existsSync(path.join(dir, file))) {
      throw new SetupError(`${path.join("node_modules", "pyodide", file)} is missing: run \`npm ci\` (or \`bash dev.sh setup\`)`);
    }
  }
  return dir;
}

/**
 * Load Pyodide from node_modules/pyodide with Python's output going straight to this process's stdout/stderr.
 * Returns { pyodide, version, loadMs }.
 */
export async function loadOfflinePyodide({ repo = REPO } = {}) {
  guardNetwork();
  const dir = pyodideDir(repo);
  const { loadPyodide, version } = await import(pathToFileURL(path.join(dir, "pyodide.mjs")).href);
  const start = performance.now();
  const pyodide = await loadPyodide({
    indexURL: dir + path.sep,
    env: { HOME: "/home/pyodide", PYTHONHASHSEED: "0" },
  });
  const loadMs = performance.now() - start;
  const refuse = (name) => () => {
    throw new Error(`${name} is disabled: this run is offline; install pure wheels with unpackArchive instead`);
  };
  pyodide.loadPackage = refuse("pyodide.loadPackage");
  pyodide.loadPackagesFromImports = refuse("pyodide.loadPackagesFromImports");
  const write = (fd) => ({
    write: (buffer) => {
      fs.writeSync(fd, buffer);
      return buffer.length;
    },
  });
  pyodide.setStdout(write(1));
  pyodide.setStderr(write(2));
  return { pyodide, version, loadMs };
}

/** Unpack a pure wheel into Pyodide's site-packages. */
export function installWheel(pyodide, wheelPath) {
  const name = path.basename(wheelPath);
  if (!/-none-any\.whl$/.test(name)) {
    throw new SetupError(`${name} is not a pure (none-any) wheel; Pyodide cannot use it`);
  }
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  pyodide.unpackArchive(new Uint8Array(fs.readFileSync(wheelPath)), "wheel", { extractDir: sitePackages });
  return name;
}

/** Unpack every wheel in a directory; fails if there is none. */
export function installWheelDir(pyodide, dir, what) {
  if (!fs.existsSync(dir)) {
    throw new SetupError(`${dir} is missing: run \`bash dev.sh setup\` to download the ${what} wheels for Pyodide`);
  }
  const wheels = fs.readdirSync(dir).filter((f) => f.endsWith(".whl")).sort();
  if (wheels.length === 0) {
    throw new SetupError(`${dir} holds no wheels: run \`bash dev.sh setup\` to download the ${what} wheels for Pyodide`);
  }
  const installed = wheels.map((w) => installWheel(pyodide, path.join(dir, w)));
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
  return installed;
}

/** Copy a host file into Pyodide's file system, creating parent directories. */
export function copyFile(pyodide, hostPath, fsPath) {
  pyodide.FS.mkdirTree(path.posix.dirname(fsPath));
  pyodide.FS.writeFile(fsPath, new Uint8Array(fs.readFileSync(hostPath)));
}

/** Copy a host directory tree (without caches) into Pyodide's file system; returns the number of files copied. */
export function copyTree(pyodide, hostDir, fsDir) {
  let count = 0;
  for (const entry of fs.readdirSync(hostDir, { withFileTypes: true })) {
    if (entry.name === "__pycache__" || entry.name.startsWith(".")) continue;
    const host = path.join(hostDir, entry.name);
    const target = path.posix.join(fsDir, entry.name);
    if (entry.isDirectory()) {
      count += copyTree(pyodide, host, target);
    } else if (entry.isFile()) {
      copyFile(pyodide, host, target);
      count += 1;
    }
  }
  return count;
}
