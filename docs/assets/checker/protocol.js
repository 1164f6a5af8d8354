// What the checker page and its web worker say to each other: message types, the loading stages (in order) and the
// kinds of failure. One module, imported by both sides, so a stage or failure added on one side exists on the other.
// The build copies it next to the hashed worker (sitegen.browser), so the worker imports it by a content-hashed name.

export const MSG = Object.freeze({
  init: "init", // page -> worker: {type, manifest, root}
  call: "call", // page -> worker: {type, id, request}  (request = the engine's JSON request)
  progress: "progress", // worker -> page: {type, stage, step, of, text, ms}
  ready: "ready", // worker -> page: {type, ms, at}
  error: "error", // worker -> page: {type, kind, message}
  reply: "reply", // worker -> page: {type, id, response}
});

// Loading stages, in the order the worker reaches them; `step` counts from 1 to STAGE_COUNT.
export const STAGES = Object.freeze({
  runtime: Object.freeze({ step: 1, text: "Downloading the Python runtime" }),
  python: Object.freeze({ step: 2, text: "Starting Python" }),
  engine: Object.freeze({ step: 3, text: "Loading the checker engine and reference data" }),
  warm: Object.freeze({ step: 4, text: "Warming up the engine" }),
});
export const STAGE_COUNT = Object.keys(STAGES).length;

// Why the checker could not start. `retry`: the same browser and server may succeed on another try (a stall or a
// crash); the others fail the same way every time, so the page offers no retry button for them.
export const FAILURES = Object.freeze({
  timeout: Object.freeze({ retry: true }), // no progress for too long
  load: Object.freeze({ retry: true }), // the runtime or engine crashed while starting
  missing: Object.freeze({ retry: false }), // a file of the checker is not on the server
  integrity: Object.freeze({ retry: false }), // a file did not match its checksum
  "wasm-mime": Object.freeze({ retry: false }), // the server sends .wasm with the wrong type
  "no-wasm": Object.freeze({ retry: false }), // the browser has no WebAssembly
  "no-worker": Object.freeze({ retry: false }), // the browser cannot start a module worker
  file: Object.freeze({ retry: false }), // the page was opened from file://
  insecure: Object.freeze({ retry: false }), // served over plain HTTP from another computer: no secure context
});

export function canRetry(kind) {
  return Boolean(FAILURES[kind] && FAILURES[kind].retry);
}
