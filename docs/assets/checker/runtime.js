// The checker's runtime on the page side: one module web worker per browser tab, kept across Material's instant
// navigation, released a while after the visitor leaves the checker page. Calls to the engine are promises; every
// call still in flight when the worker fails or is released is rejected (never left hanging).

import { canRetry, MSG, STAGE_COUNT } from "./protocol.js";

const STALL_MS = 45000; // no progress from the runtime for this long: give up and say so
const DOWNLOAD_STALL_MS = 120000; // the first stage downloads about 15 MB (less when compressed): allow longer
const RELEASE_MS = 5 * 60 * 1000; // worker kept this long after leaving the checker page, then released
const CALL_LIMIT_MS = 30000; // one engine call running longer than this: the watchdog stops and restarts the worker

/** Rejection reason of a call the watchdog stopped: the worker is restarted; the page keeps the form. */
export class TimedOut extends Error {
  constructor(seconds) {
    super(`Checking took longer than ${seconds} seconds, so the checker was stopped and is starting again.`);
    this.name = "TimedOut";
  }
}

/** Rejection reason of calls cut short because the worker was released (not a failure to report). */
export class Released extends Error {
  constructor() {
    super("The checker's worker was released.");
    this.name = "Released";
  }
}

export const runtime = {
  worker: null,
  status: "idle", // idle | loading | ready | failed
  stage: null,
  error: null, // {kind, message} when failed
  readyMs: null,
  listeners: new Set(),
  pending: new Map(), // call id -> {resolve, reject}
  nextId: 1,
  stallTimer: null,
  releaseTimer: null,
  waiters: [], // calls waiting for the runtime to be ready
  stallMs: STALL_MS,
  downloadStallMs: DOWNLOAD_STALL_MS,
  releaseMs: RELEASE_MS,
  callLimitMs: CALL_LIMIT_MS,
  manifest: null, // remembered by start(), so the watchdog can restart the worker
  siteRoot: null,
};

/** Timings from the checker page's data attributes (tests shorten them). */
export function configure({ stallMs, releaseMs, callLimitMs } = {}) {
  runtime.stallMs = stallMs || STALL_MS;
  runtime.downloadStallMs = stallMs || DOWNLOAD_STALL_MS;
  runtime.releaseMs = releaseMs || RELEASE_MS;
  runtime.callLimitMs = callLimitMs || CALL_LIMIT_MS;
}

/** Calls `listener(runtime)` on every change of status or stage; returns the unsubscribe function. */
export function subscribe(listener) {
  runtime.listeners.add(listener);
  return () => runtime.listeners.delete(listener);
}

function emit() {
  for (const listener of runtime.listeners) listener(runtime);
}

function rejectAll(reason) {
  for (const [, pending] of runtime.pending) {
    clearTimeout(pending.timer);
    pending.reject(reason);
  }
  runtime.pending.clear();
  for (const waiter of runtime.waiters.splice(0)) waiter.reject(reason);
}

function armStall() {
  clearTimeout(runtime.stallTimer);
  const downloading = !runtime.stage || runtime.stage.step <= 1;
  const ms = downloading ? Math.max(runtime.stallMs, runtime.downloadStallMs) : runtime.stallMs;
  runtime.stallTimer = setTimeout(
    () =>
      fail(
        "timeout",
        "The checker's Python runtime did not finish loading in time. A slow connection, an old device or a " +
          "blocked download can cause this.",
      ),
    ms,
  );
}

function fail(kind, message) {
  clearTimeout(runtime.stallTimer);
  if (runtime.status === "failed") return;
  runtime.status = "failed";
  runtime.error = { kind, message };
  if (runtime.worker) runtime.worker.terminate();
  runtime.worker = null;
  rejectAll(new Error(message));
  emit();
}

function onMessage(event) {
  const msg = event.data || {};
  if (msg.type === MSG.progress) {
    runtime.stage = { step: msg.step, of: msg.of, text: msg.text };
    if (performance.mark) performance.mark(`dealchecker:${msg.stage}`);
    armStall();
    emit();
  } else if (msg.type === MSG.ready) {
    clearTimeout(runtime.stallTimer);
    runtime.status = "ready";
    runtime.readyMs = msg.ms;
    if (performance.mark) performance.mark("dealchecker:ready"); // read by benchmarks/checker_startup.py
    if (performance.mark && msg.from) performance.mark(`dealchecker:from-${msg.from}`, { detail: msg.fallback });
    for (const waiter of runtime.waiters.splice(0)) waiter.resolve();
    emit();
  } else if (msg.type === MSG.error) {
    fail(msg.kind || "load", msg.message || "The checker failed to load.");
  } else if (msg.type === MSG.reply) {
    const pending = runtime.pending.get(msg.id);
    if (pending) {
      runtime.pending.delete(msg.id);
      clearTimeout(pending.timer);
      pending.resolve(msg.response);
    }
  }
}

/** Starts the worker unless it runs, is starting, or failed in a way that would fail again. */
export function start(manifest, siteRoot) {
  clearTimeout(runtime.releaseTimer);
  runtime.manifest = manifest;
  runtime.siteRoot = siteRoot;
  if (runtime.worker || runtime.status === "ready" || runtime.status === "loading") return;
  if (runtime.status === "failed") {
    if (!canRetry(runtime.error.kind)) return; // the same browser and server fail the same way
    runtime.status = "idle"; // a stall or a crash may not happen again: try once more on each visit
    runtime.error = null;
  }
  if (location.protocol === "file:") {
    fail("file", "This page was opened from a file on your computer, and browsers do not let it start the checker.");
    return;
  }
  if (!window.isSecureContext) {
    // Without a secure context (plain HTTP from another computer) browsers withhold crypto.subtle, which checks
    // the runtime's files: say what is wrong, not that the browser is too old.
    fail(
      "insecure",
      "This page must be served over HTTPS. Browsers give a page loaded over plain HTTP from another computer " +
        "too few features to run the checker safely. Ask the site's host to enable HTTPS, or use the dealcheck " +
        "command-line tool.",
    );
    return;
  }
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    fail("no-wasm", "This browser cannot run WebAssembly in a web worker, which the checker needs.");
    return;
  }
  runtime.status = "loading";
  runtime.stage = { step: 0, of: STAGE_COUNT, text: "Starting the checker" };
  let worker;
  try {
    worker = new Worker(new URL(manifest.worker, siteRoot), { type: "module" });
  } catch (_err) {
    fail("no-worker", "This browser could not start the checker's background worker.");
    return;
  }
  runtime.worker = worker;
  worker.onmessage = onMessage;
  worker.onerror = (event) => {
    event.preventDefault();
    fail("load", "The checker's background worker stopped with an error.");
  };
  armStall();
  worker.postMessage({ type: MSG.init, manifest, root: siteRoot.href });
  emit();
}

function whenReady() {
  if (runtime.status === "ready") return Promise.resolve();
  if (runtime.status === "failed") return Promise.reject(new Error(runtime.error.message));
  if (runtime.status === "idle") return Promise.reject(new Released());
  return new Promise((resolve, reject) => runtime.waiters.push({ resolve, reject }));
}

/** One request to the engine (`checker.browser.handle`); resolves with its JSON response. */
export async function call(request) {
  await whenReady();
  const worker = runtime.worker;
  if (!worker) throw new Released();
  const id = runtime.nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => watchdog(), runtime.callLimitMs);
    runtime.pending.set(id, { resolve, reject, timer });
    worker.postMessage({ type: MSG.call, id, request });
  });
}

/** A call ran past the limit: the engine cannot be interrupted, so stop its worker, reject every call in flight
 * with TimedOut, and start a fresh worker (the page keeps the form; the next check runs on the new one). */
function watchdog() {
  if (runtime.worker) runtime.worker.terminate();
  runtime.worker = null;
  runtime.status = "idle";
  rejectAll(new TimedOut(Math.round(runtime.callLimitMs / 1000)));
  emit();
  if (runtime.manifest && runtime.siteRoot) start(runtime.manifest, runtime.siteRoot);
}

/** The visitor left the checker page: keep the worker for a while (they may come back), then release it. */
export function leave() {
  clearTimeout(runtime.releaseTimer);
  if (runtime.worker) runtime.releaseTimer = setTimeout(release, runtime.releaseMs);
}

/** Stops the worker now; calls in flight or waiting are rejected with `Released`. */
export function release() {
  clearTimeout(runtime.releaseTimer);
  clearTimeout(runtime.stallTimer);
  if (runtime.worker) runtime.worker.terminate();
  runtime.worker = null;
  if (runtime.status !== "failed") runtime.status = "idle";
  rejectAll(new Released());
  emit();
}
