// Offline use (issue 13), loaded on every page: registers the site's service worker (sw.js at the site root, written
// by sitegen.offline) and says when a new build of the site is ready ("New data of <date> available: reload").
// On the first visit the worker starts after the page has loaded its files, so the page tells it which files to
// keep: its own, and on the checker page (once the checker is ready) the checker's runtime files from the manifest.
// Nothing typed into the checker is ever sent: the list holds file URLs only, without fragments or queries.

function siteBase() {
  try {
    const config = JSON.parse(document.getElementById("__config").textContent);
    return new URL((config.base || ".") + "/", location.href);
  } catch (_err) {
    return null;
  }
}

function pageFiles() {
  const own = [location.href.split("#")[0].split("?")[0]];
  const loaded = performance.getEntriesByType("resource").map((entry) => entry.name);
  return own.concat(loaded).filter((url) => url.startsWith(location.origin));
}

function checkerFiles(base) {
  const root = document.getElementById("dealchecker");
  if (!root) return Promise.resolve([]);
  let manifest;
  try {
    manifest = JSON.parse(root.dataset.manifest || "{}");
  } catch (_err) {
    return Promise.resolve([]);
  }
  const files = (manifest.files || []).map((path) => new URL(path, base).href);
  if (!files.length) return Promise.resolve([]);
  return new Promise((resolve) => {
    const done = () => root.dataset.state === "ready" || root.dataset.state === "failed";
    if (done()) return resolve(files);
    const seen = new MutationObserver(() => {
      if (done()) {
        seen.disconnect();
        resolve(root.dataset.state === "ready" ? files : []);
      }
    });
    seen.observe(root, { attributes: true, attributeFilter: ["data-state"] });
  });
}

function announce(waiting) {
  if (document.getElementById("site-update")) return;
  navigator.serviceWorker.addEventListener("message", (event) => {
    const msg = event.data || {};
    if (msg.type !== "build" || document.getElementById("site-update")) return;
    const date = msg.build && msg.build.data_as_of;
    const bar = document.createElement("div");
    bar.id = "site-update";
    bar.className = "site-update";
    bar.setAttribute("role", "status");
    const text = document.createElement("span");
    text.textContent = date ? `New data of ${date} available: ` : "A new version of this site is available: ";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary";
    button.textContent = "reload";
    button.addEventListener("click", () => {
      button.disabled = true;
      waiting.postMessage({ type: "skip-waiting" });
    });
    bar.append(text, button);
    document.body.append(bar);
  });
  waiting.postMessage({ type: "build" });
}

async function register() {
  const base = siteBase();
  if (!base) return;
  let registration;
  try {
    registration = await navigator.serviceWorker.register(new URL("sw.js", base).href, { scope: base.href });
  } catch (_err) {
    return; // no service worker (private mode in some browsers, a host without sw.js): the site works online
  }
  const hadController = Boolean(navigator.serviceWorker.controller);
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    // A new build took over after "reload" was pressed (never on the first install: nothing to reload then).
    if (hadController && !reloading) {
      reloading = true;
      location.reload();
    }
  });
  const watch = (worker) =>
    worker.addEventListener("statechange", () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) announce(worker);
    });
  if (registration.waiting && navigator.serviceWorker.controller) announce(registration.waiting);
  if (registration.installing) watch(registration.installing);
  registration.addEventListener("updatefound", () => watch(registration.installing));
  const ready = await navigator.serviceWorker.ready;
  const keep = (urls) => urls.length && ready.active && ready.active.postMessage({ type: "cache", urls });
  keep(pageFiles());
  checkerFiles(base).then(keep);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(() => {
      keep(pageFiles());
      checkerFiles(base).then(keep);
    });
  }
}

if ("serviceWorker" in navigator && window.isSecureContext && location.protocol !== "file:") {
  if (document.readyState === "complete") register();
  else window.addEventListener("load", () => register(), { once: true });
}
