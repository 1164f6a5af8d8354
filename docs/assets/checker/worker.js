// The deal checker's module web worker: runs the self-hosted Pyodide and the Python engine off the main thread.
// Messages in:  {type: "init", manifest, root}  then  {type: "call", id, request}  (request = engine JSON request)
// Messages out: {type: "progress", stage, step, of, text}, {type: "ready", ms, from: "snapshot"|"full"},
//               {type: "error", kind, message},
//               {type: "reply", id, response}
// Everything is fetched from the site's own origin; nothing the visitor types leaves this worker.
// The message types, stages and failure kinds are protocol.js's, shared with the page.

import { FAILURES, MSG, STAGES, STAGE_COUNT } from "./protocol.js";

let pyodide = null;
let handle = null;
let ready = null;
let fallback = null; // why the snapshot start failed, when it did (reported with "ready")

function progress(stage) {
  const { step, text } = STAGES[stage];
  self.postMessage({ type: MSG.progress, stage, step, of: STAGE_COUNT, text, ms: performance.now() });
}

class LoadError extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind in FAILURES ? kind : "load"; // the page knows every kind in FAILURES, and no other
  }
}

// A wasm file served without the application/wasm type makes loadPyodide hang forever; say why instead.
async function checkWasmType(url) {
  try {
    const response = await fetch(url, { method: "HEAD", cache: "no-store" });
    if (!response.ok) {
      return new LoadError("missing", `The Python runtime file could not be loaded (HTTP ${response.status}).`);
    }
    const type = (response.headers.get("content-type") || "").split(";")[0].trim().toLowerCase();
    if (type && type !== "application/wasm") {
      return new LoadError(
        "wasm-mime",
        `The web server sends the WebAssembly runtime with the type "${type}" instead of "application/wasm", ` +
          "so the browser cannot start it. The site's host needs to fix the MIME type for .wasm files.",
      );
    }
  } catch (_err) {
    // A failed HEAD request decides nothing: loadPyodide and the page's timeout still report failures.
  }
  return null;
}

async function sha256Hex(bytes) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

// The snapshot (gzip, checked against its sha256) as the raw bytes Pyodide restores.
async function snapshotBytes(item, fetchChecked) {
  let bytes = await fetchChecked(item);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    // Still gzip (a host that sets no Content-Encoding for it, the usual case): inflate here.
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  }
  return bytes;
}

// Starts from the build's memory snapshot of the ready engine when there is one that fits this runtime; on any
// error there, starts the normal way (every failure is reported only if the normal start fails too).
async function init(manifest, root) {
  const snapshot = manifest.snapshot;
  const fits = snapshot && snapshot.pyodide === manifest.pyodide.version && typeof DecompressionStream === "function";
  if (fits) {
    try {
      return await start(manifest, root, snapshot);
    } catch (err) {
      if (err instanceof LoadError && (err.kind === "no-wasm" || err.kind === "wasm-mime")) throw err;
      fallback = String((err && err.message) || err);
      pyodide = null;
      handle = null;
    }
  }
  return start(manifest, root, null);
}

async function start(manifest, root, snapshot) {
  const started = performance.now();
  if (typeof WebAssembly !== "object") {
    throw new LoadError("no-wasm", "This browser cannot run WebAssembly, which the checker needs.");
  }
  const url = (path) => new URL(path, root).href;
  const indexURL = url(manifest.pyodide.indexURL);
  const wheelURL = url(manifest.wheel.url);
  progress("runtime");
  const mime = checkWasmType(indexURL + "pyodide.asm.wasm").then((problem) => {
    if (problem) throw problem;
    return new Promise(() => {}); // no problem found: let loadPyodide decide
  });
  mime.catch(() => {}); // handled by the race below; never an unhandled rejection if the start fails earlier
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const wheelName = wheelURL.slice(wheelURL.lastIndexOf("/") + 1);
  const lockFileContents = {
    info: manifest.pyodide.lock_info,
    packages: {
      checker: {
        name: "checker",
        version: manifest.wheel.version,
        file_name: wheelName,
        install_dir: "site",
        sha256: manifest.wheel.sha256,
        package_type: "package",
        imports: ["checker"],
        depends: [],
        unvendored_tests: false,
        shared_library: false,
      },
    },
  };
  const fetchChecked = async (item) => {
    const response = await fetch(url(item.url));
    if (!response.ok) throw new LoadError("missing", "A file of the checker could not be loaded.");
    const bytes = new Uint8Array(await response.arrayBuffer());
    if ((await sha256Hex(bytes)) !== item.sha256) {
      throw new LoadError("integrity", "A file of the checker did not match its checksum; reload the page.");
    }
    return bytes;
  };
  // Fetched while Python starts: the checker's bytecode and any checker-page-only data (party index hook); from a
  // snapshot also the wheel itself (its files are unpacked again: the restored file system is empty).
  const bytecode = manifest.bytecode ? fetchChecked(manifest.bytecode) : Promise.resolve(null);
  bytecode.catch(() => {});
  const wheel = snapshot ? fetchChecked(manifest.wheel) : Promise.resolve(null);
  wheel.catch(() => {});
  const memory = snapshot ? snapshotBytes(snapshot, fetchChecked) : null;
  if (memory) memory.catch(() => {});
  const extraData = Promise.all(
    (manifest.data || []).map(async (item) => [item.path, await fetchChecked(item)]),
  );
  extraData.catch(() => {});
  const quiet = () => {};
  let sitePackages = "/lib/python3.14/site-packages";
  const options = {
    indexURL,
    cdnUrl: indexURL, // never a CDN: a package missing from the lockfile fails instead of leaving the origin
    stdLibURL: url(manifest.pyodide.stdLibURL),
    lockFileContents,
    packageBaseUrl: wheelURL.slice(0, wheelURL.lastIndexOf("/") + 1),
    stdout: quiet,
    stderr: quiet,
    fsInit: async (_fs, info) => {
      sitePackages = info.sitePackages;
      progress("python");
    },
  };
  if (snapshot) options._loadSnapshot = memory;
  else options.packages = ["checker"];
  pyodide = await Promise.race([mime, loadPyodide(options)]);
  progress("engine");
  if (snapshot) pyodide.unpackArchive(await wheel, "zip", { extractDir: sitePackages });
  const pycache = await bytecode;
  if (pycache) pyodide.unpackArchive(pycache, "zip", { extractDir: sitePackages });
  for (const [path, bytes] of await extraData) {
    pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")) || "/");
    pyodide.FS.writeFile(path, bytes);
  }
  // After a restore, random's state is the build machine's: reseed it from this browser's entropy.
  if (snapshot) pyodide.runPython("import random as _random; _random.seed(); del _random");
  const browser = pyodide.pyimport("checker.browser");
  handle = browser.handle;
  const warm = JSON.parse(handle(JSON.stringify({ op: "warm" })));
  if (!warm.ok) throw new LoadError("load", "The checker engine did not start.");
  progress("warm");
  // One screening of an example deal imports everything a real screening needs, so the first one is fast
  // (already done before the snapshot was taken).
  if (!snapshot) handle(JSON.stringify({ op: "screen", deal: { destination: { country: "GB" } }, base_url: root }));
  const from = snapshot ? "snapshot" : "full";
  self.postMessage({ type: MSG.ready, ms: performance.now() - started, at: performance.now(), from, fallback });
}

self.onmessage = async (event) => {
  const msg = event.data || {};
  if (msg.type === MSG.init) {
    if (ready) return;
    ready = init(msg.manifest, msg.root).catch((err) => {
      const kind = err instanceof LoadError ? err.kind : "load";
      const message =
        err instanceof LoadError ? err.message : "The checker's Python runtime failed to start in this browser.";
      self.postMessage({ type: MSG.error, kind, message });
      return false; // reported to the page; calls after this answer "not running" (no unhandled rejection)
    });
    return;
  }
  if (msg.type === MSG.call) {
    let response;
    try {
      await ready;
      const started = performance.now();
      response = JSON.parse(handle(JSON.stringify(msg.request)));
      response.worker_ms = performance.now() - started;
    } catch (_err) {
      response = { ok: false, internal: "the checker is not running" };
    }
    self.postMessage({ type: MSG.reply, id: msg.id, response });
  }
};
