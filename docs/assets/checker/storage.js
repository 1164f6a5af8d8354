// Keeping work without a server: the deal as typed, per browser tab (sessionStorage, automatic, so Back, a reload or
// a stray click never loses it); an opt-in draft that survives closing the browser (localStorage, with an erase
// button); and share links that carry the deal in the URL fragment, which browsers never send to a server.

const SESSION_KEY = "dealchecker.session.v1";
const DRAFT_KEY = "dealchecker.draft.v1";
const SHARE_PREFIX = "#deal=";

function store(area, key) {
  const storage = () => {
    try {
      return window[area]; // reading the property throws when storage is blocked
    } catch (_err) {
      return null;
    }
  };
  return {
    key,
    /** Set by load() when the stored text was damaged: it was moved to `${key}.damaged`, never deleted. */
    damaged: false,
    /** The stored deal, or null (nothing stored, storage blocked, or damaged data, which is then kept aside). */
    load() {
      const s = storage();
      let text = null;
      try {
        text = s && s.getItem(key);
      } catch (_err) {
        return null;
      }
      if (!text) return null;
      try {
        const deal = JSON.parse(text);
        if (deal && typeof deal === "object" && !Array.isArray(deal)) return deal;
      } catch (_err) {
        /* damaged: fall through */
      }
      try {
        s.setItem(`${key}.damaged`, text); // kept aside for the user (or a support person) to recover by hand
        this.damaged = true;
      } catch (_err) {
        return null; // cannot keep it aside: leave it where it is rather than lose it
      }
      this.clear();
      return null;
    },
    /** Stores the deal; false when this browser does not allow it (private mode, full, blocked). */
    save(deal) {
      const s = storage();
      try {
        if (!s) return false;
        s.setItem(key, JSON.stringify(deal));
        return true;
      } catch (_err) {
        return false;
      }
    },
    has() {
      const s = storage();
      try {
        return Boolean(s && s.getItem(key));
      } catch (_err) {
        return false;
      }
    },
    clear() {
      const s = storage();
      try {
        if (s) s.removeItem(key);
      } catch (_err) {
        /* nothing stored */
      }
    },
  };
}

export const session = store("sessionStorage", SESSION_KEY);
export const draft = store("localStorage", DRAFT_KEY);

function b64urlEncode(text) {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function b64urlDecode(text) {
  const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The share link of a deal: this page's address with the deal, as base64url JSON, after `#deal=`. */
export function shareLink(deal, where = location) {
  return `${where.origin}${where.pathname}${SHARE_PREFIX}${b64urlEncode(JSON.stringify(deal))}`;
}

/**
 * Paths of the keys that appear more than once in one JSON object of `text` ("end_user.name", "intermediaries[0].role"),
 * in the engine's path format. JSON.parse silently keeps the last value; `dealcheck screen` refuses such a file
 * ("appears more than once"), so the page refuses such a link too. `text` must already have parsed as JSON.
 */
export function duplicateKeys(text) {
  const found = [];
  const stack = [];
  const child = (top, key) => (top.path ? `${top.path}.${key}` : key);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      if (top && top.object && top.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1));
        if (top.keys.has(key) && !found.includes(child(top, key))) found.push(child(top, key));
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
      i = end;
    } else if (c === "{" || c === "[") {
      const path = !top ? "" : top.object ? child(top, top.key) : `${top.path}[${top.index}]`;
      stack.push({ object: c === "{", keys: new Set(), key: null, expectKey: c === "{", index: 0, path });
    } else if (c === "}" || c === "]") {
      stack.pop();
    } else if (c === "," && top) {
      if (top.object) top.expectKey = true;
      else top.index += 1;
    }
  }
  return found;
}

/** The deal in a share link's fragment: {deal}, {error} for a damaged link, or null when there is none. */
export function dealFromHash(hash = location.hash) {
  if (!hash.startsWith(SHARE_PREFIX)) return null;
  try {
    const text = b64urlDecode(hash.slice(SHARE_PREFIX.length));
    const deal = JSON.parse(text);
    if (deal && typeof deal === "object" && !Array.isArray(deal)) {
      const twice = duplicateKeys(text);
      if (!twice.length) return { deal };
      const shown = twice.slice(0, 5).join(", ") + (twice.length > 5 ? ` and ${twice.length - 5} more` : "");
      return {
        error:
          `The share link cannot be used: ${shown} ${twice.length > 1 ? "appear" : "appears"} more than once in its ` +
          "deal, so it is not clear which value was meant (keep one value for each field). Nothing was filled in.",
      };
    }
  } catch (_err) {
    /* damaged */
  }
  return { error: "The share link is damaged: its deal could not be read." };
}
