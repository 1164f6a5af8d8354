// Starts the checker's worker while the checker page is still being parsed (issue 13): loaded as an async module
// right after the #dealchecker element, so the Python runtime downloads while Material's bundle, the page's other
// modules and the form are still loading. mount() (app.js) later finds the runtime already starting: start() runs
// one worker per tab. On instant navigation this module has already run; checker.js's mount() starts the worker.

import { configure, start } from "./runtime.js";

const root = document.getElementById("dealchecker");
if (root && location.protocol !== "file:") {
  let manifest = null;
  try {
    manifest = JSON.parse(root.dataset.manifest || "{}");
  } catch (_err) {
    manifest = null; // mount() says what is wrong
  }
  if (manifest && manifest.worker && manifest.form) {
    configure({ stallMs: Number(root.dataset.stallMs) || 0, releaseMs: Number(root.dataset.releaseMs) || 0 });
    start(manifest, new URL(root.dataset.root || "../", location.href));
  }
}
