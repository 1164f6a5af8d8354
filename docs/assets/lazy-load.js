// Light pages (issue 13): Material's bundle downloads the whole search index (about 1 MB) and the sitemap on every
// page load. This classic script, loaded in the head before the bundle, holds those two requests back:
// - the search index until the visitor goes to search (focus or click on the search box, or a search shortcut key);
// - on the checker page, the sitemap (used by instant navigation) until the checker is ready, so the runtime's
//   downloads come first (a link clicked before then is a normal page load). Other pages fetch it as usual.
// Held requests are sent unchanged later; nothing else is touched.
(function () {
  "use strict";
  var proto = XMLHttpRequest.prototype;
  var open = proto.open;
  var send = proto.send;
  var held = { search: [], sitemap: [] };
  var released = { search: false, sitemap: false };

  function kindOf(url) {
    var path = String(url).split("#")[0].split("?")[0];
    if (/\/search\/search_index\.json$/.test(path)) return "search";
    if (/\/sitemap\.xml$/.test(path)) return "sitemap";
    return null;
  }

  function release(kind) {
    if (released[kind]) return;
    released[kind] = true;
    held[kind].splice(0).forEach(function (go) {
      go();
    });
  }

  proto.open = function (method, url) {
    this.__heldKind = kindOf(url);
    return open.apply(this, arguments);
  };
  proto.send = function () {
    var kind = this.__heldKind;
    if (!kind || released[kind]) return send.apply(this, arguments);
    var xhr = this;
    var args = arguments;
    held[kind].push(function () {
      send.apply(xhr, args);
    });
    if (kind === "sitemap") holdSitemap();
  };

  // Search: the visitor is about to search.
  function wantsSearch(event) {
    var target = event.target;
    if (event.type === "keydown") {
      var key = event.key;
      var typing = target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName || ""));
      if (!typing && (key === "/" || key === "s" || key === "f")) release("search");
      return;
    }
    if (target && target.closest && target.closest("[data-md-component=search], label[for=__search], .md-search")) {
      release("search");
    }
  }
  ["focusin", "pointerdown", "click", "keydown"].forEach(function (type) {
    document.addEventListener(type, wantsSearch, true);
  });
  if (/[?&](q|h)=/.test(location.search)) release("search");

  // Sitemap: on the checker page, after the checker is ready.
  var sitemapWatch = false;
  function holdSitemap() {
    if (sitemapWatch) return;
    sitemapWatch = true;
    var checker = document.getElementById("dealchecker");
    if (checker) {
      var done = function () {
        var state = checker.getAttribute("data-state");
        return state === "ready" || state === "failed";
      };
      if (done()) return release("sitemap");
      var seen = new MutationObserver(function () {
        if (done()) {
          seen.disconnect();
          release("sitemap");
        }
      });
      seen.observe(checker, { attributes: true, attributeFilter: ["data-state"] });
      return;
    }
    // Other pages: instant navigation needs the sitemap at the first click, so it is not held there.
    release("sitemap");
  }
})();
