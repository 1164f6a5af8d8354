// The site's service worker (issue 13), written to the site root by sitegen.offline with this build's values.
// It makes the guide and the checker work offline after one visit:
// - content-hashed files (the Python runtime, the engine, its snapshot, Material's bundles) are cache-first: a
//   name never changes its bytes, so a cached copy is always right;
// - everything else (pages, the checker's page modules, the search index) is network-first, cached per build, and
//   served from that cache only when the network fails, so old and new builds are never mixed;
// - a new build installs beside the old one and waits; pages announce it and reload into it on request.
// It only ever handles GET requests for the site's own files. Deal data never reaches it: the checker sends no
// request with it (the engine runs in the page's worker), share links keep the deal in the URL fragment, which no
// request carries, and query strings are never cached.

const BUILD = __BUILD__; // {version, data_as_of}
const SCOPE = new URL("./", self.location).href;
const PAGES = `pages-${BUILD.version}`; // this build's pages and unhashed files
const ASSETS = "assets-hashed"; // content-hashed files, shared by every build
const SHELL = __SHELL__; // site-relative files cached on install (small: the home and checker pages, 404)
const HASHED = __HASHED__; // site-relative prefixes and patterns of content-hashed files

function isHashed(path) {
  return HASHED.prefixes.some((p) => path.startsWith(p)) || HASHED.patterns.some((p) => new RegExp(p).test(path));
}

function sitePath(url) {
  return url.href.startsWith(SCOPE) ? url.href.slice(SCOPE.length).split("#")[0] : null;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(PAGES).then((cache) => Promise.all(SHELL.map((p) => cache.add(new Request(SCOPE + p, { cache: "reload" })).catch(() => {})))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("pages-") && name !== PAGES) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

async function cacheFirst(request) {
  const cache = await caches.open(ASSETS);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request, path) {
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic" && !new URL(request.url).search) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (err) {
    const hit = (await cache.match(request)) || (path.endsWith("/") ? null : await cache.match(SCOPE + path + "/"));
    if (hit) return hit;
    if (request.mode === "navigate") {
      const missing = await cache.match(SCOPE + "404.html");
      if (missing) return new Response(await missing.blob(), { status: 404, headers: missing.headers });
    }
    throw err;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const path = sitePath(url);
  if (path === null || path === "sw.js") return;
  if (request.headers.has("range")) return; // partial responses are not cached
  event.respondWith(isHashed(path) ? cacheFirst(request) : networkFirst(request, path));
});

// Pages tell the worker what they loaded before it controlled them (the first visit), so that visit works offline.
self.addEventListener("message", (event) => {
  const msg = event.data || {};
  if (msg.type === "skip-waiting") {
    self.skipWaiting();
  } else if (msg.type === "build") {
    event.source.postMessage({ type: "build", build: BUILD });
  } else if (msg.type === "cache" && Array.isArray(msg.urls)) {
    event.waitUntil(
      (async () => {
        for (const raw of msg.urls.slice(0, 400)) {
          let url;
          try {
            url = new URL(raw, SCOPE);
          } catch (_err) {
            continue;
          }
          url.hash = "";
          const path = sitePath(url);
          if (path === null || url.search || path === "sw.js") continue;
          const cache = await caches.open(isHashed(path) ? ASSETS : PAGES);
          if (await cache.match(url.href)) continue;
          try {
            const response = await fetch(url.href); // normally answered from the browser's HTTP cache
            if (response.ok && response.type === "basic") await cache.put(url.href, response);
          } catch (_err) {
            // offline or gone: nothing to keep
          }
        }
      })(),
    );
  }
});
