// The one global module of the deal checker, loaded on every page (mkdocs.yml extra_javascript, type: module).
// Material's instant navigation swaps pages in place without running page scripts, so this module subscribes to
// Material's document$ and mounts the checker whenever the checker page is shown. On guidance pages it loads
// nothing else: the app module, the worker and the Python runtime are fetched only on the checker page.

let app = null;
let unmount = null;
let generation = 0;

async function onPage() {
  const current = ++generation;
  if (unmount) {
    unmount();
    unmount = null;
  }
  const root = document.getElementById("dealchecker");
  if (!root) {
    if (app) app.leave();
    return;
  }
  if (!app) app = await import("./app.js");
  if (current !== generation || !root.isConnected) return;
  unmount = app.mount(root);
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => onPage());
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => onPage());
} else {
  onPage();
}
