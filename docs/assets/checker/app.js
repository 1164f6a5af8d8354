// The deal checker page: the form (generated from the engine's vocabularies, shipped in the page's manifest), the
// worker that runs the engine, and keeping/sharing work without a server. User text only ever reaches the DOM as
// textContent or form values; the one innerHTML is the engine's own escaped HTML report.

const DRAFT_KEY = "dealchecker.draft.v1";
const STALL_MS = 45000; // no progress from the runtime for this long: give up and say so
const DOWNLOAD_STALL_MS = 120000; // the first stage downloads about 15 MB (less when compressed): allow longer
const RELEASE_MS = 5 * 60 * 1000; // worker kept this long after leaving the checker page, then released
const MAX_FILE_BYTES = 1000000;

// Worker (one per browser tab, kept across instant navigation) ------------------------------------
const runtime = {
  worker: null,
  status: "idle", // idle | loading | ready | failed
  stage: null,
  error: null,
  readyMs: null,
  listeners: new Set(),
  pending: new Map(),
  nextId: 1,
  stallTimer: null,
  releaseTimer: null,
  waiters: [],
};

function emit() {
  for (const listener of runtime.listeners) listener(runtime);
}

function armStall(ms) {
  clearTimeout(runtime.stallTimer);
  if (!runtime.stage || runtime.stage.step <= 1) ms = Math.max(ms, runtime.downloadStallMs || DOWNLOAD_STALL_MS);
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
  for (const [, pending] of runtime.pending) pending.reject(new Error(message));
  runtime.pending.clear();
  for (const waiter of runtime.waiters.splice(0)) waiter.reject(new Error(message));
  emit();
}

function startWorker(manifest, siteRoot, stallMs) {
  clearTimeout(runtime.releaseTimer);
  if (runtime.worker || runtime.status === "ready" || runtime.status === "loading") return;
  if (runtime.status === "failed") {
    if (!["timeout", "load"].includes(runtime.error.kind)) return; // the same browser and server fail the same way
    runtime.status = "idle"; // a stall or a crash may not happen again: try once more on each visit
    runtime.error = null;
  }
  if (location.protocol === "file:") {
    fail("file", "This page was opened from a file on your computer, and browsers do not let it start the checker.");
    return;
  }
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    fail("no-wasm", "This browser cannot run WebAssembly in a web worker, which the checker needs.");
    return;
  }
  runtime.status = "loading";
  runtime.stage = { step: 0, of: 4, text: "Starting the checker" };
  let worker;
  try {
    worker = new Worker(new URL(manifest.worker, siteRoot), { type: "module" });
  } catch (_err) {
    fail("no-worker", "This browser could not start the checker's background worker.");
    return;
  }
  runtime.worker = worker;
  worker.onmessage = (event) => {
    const msg = event.data || {};
    if (msg.type === "progress") {
      runtime.stage = { step: msg.step, of: msg.of, text: msg.text };
      if (performance.mark) performance.mark(`dealchecker:${msg.stage}`);
      armStall(stallMs);
      emit();
    } else if (msg.type === "ready") {
      clearTimeout(runtime.stallTimer);
      runtime.status = "ready";
      runtime.readyMs = msg.ms;
      if (performance.mark) performance.mark("dealchecker:ready"); // read by benchmarks/checker_startup.py
      for (const waiter of runtime.waiters.splice(0)) waiter.resolve();
      emit();
    } else if (msg.type === "error") {
      fail(msg.kind || "load", msg.message || "The checker failed to load.");
    } else if (msg.type === "reply") {
      const pending = runtime.pending.get(msg.id);
      if (pending) {
        runtime.pending.delete(msg.id);
        pending.resolve(msg.response);
      }
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fail("load", "The checker's background worker stopped with an error.");
  };
  armStall(stallMs);
  worker.postMessage({ type: "init", manifest, root: siteRoot.href });
  emit();
}

function whenReady() {
  if (runtime.status === "ready") return Promise.resolve();
  if (runtime.status === "failed") return Promise.reject(new Error(runtime.error.message));
  return new Promise((resolve, reject) => runtime.waiters.push({ resolve, reject }));
}

async function call(request) {
  await whenReady();
  const id = runtime.nextId++;
  return new Promise((resolve, reject) => {
    runtime.pending.set(id, { resolve, reject });
    runtime.worker.postMessage({ type: "call", id, request });
  });
}

export function leave() {
  clearTimeout(runtime.releaseTimer);
  if (runtime.worker) runtime.releaseTimer = setTimeout(release, runtime.releaseMs || RELEASE_MS);
}

export function release() {
  clearTimeout(runtime.releaseTimer);
  clearTimeout(runtime.stallTimer);
  if (runtime.worker) runtime.worker.terminate();
  runtime.worker = null;
  if (runtime.status !== "failed") runtime.status = "idle";
  for (const waiter of runtime.waiters.splice(0)) waiter.reject(new Error("released"));
}

// Small DOM helpers (text only) -----------------------------------------------------------------------
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function idFor(path) {
  return "dc-" + path.replace(/[^A-Za-z0-9]+/g, "-");
}

function getPath(obj, path) {
  let cur = obj;
  for (const part of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = cur[part];
  }
  return cur;
}

function setPath(obj, path, value) {
  const parts = path.split(".");
  let cur = obj;
  for (const part of parts.slice(0, -1)) {
    if (!cur[part] || typeof cur[part] !== "object") cur[part] = {};
    cur = cur[part];
  }
  cur[parts[parts.length - 1]] = value;
}

function b64urlEncode(text) {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function b64urlDecode(text) {
  const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

function download(name, text, type) {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function fileStem(deal) {
  const ref = String((deal && deal.reference) || "deal")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[.-]+/, "")
    .slice(0, 60);
  return ref || "deal";
}

// The form --------------------------------------------------------------------------------------------
class DealForm {
  constructor(spec, siteRoot, onChange) {
    this.spec = spec;
    this.siteRoot = siteRoot;
    this.onChange = onChange;
    this.fields = new Map(); // top-level path -> field spec
    this.repeatRows = new Map(); // repeat path -> [{el, inputs}]
    this.el = h("div", { class: "dc-groups" });
    spec.groups.forEach((group, index) => this.el.append(this.group(group, index + 1)));
  }

  link(href, text) {
    return h("a", { href: new URL(href, this.siteRoot).href, text });
  }

  group(group, number) {
    const fs = h("fieldset", { class: "dc-group", id: "dc-group-" + group.id, "data-step": group.id });
    fs.append(h("legend", {}, `Step ${number}: ${group.title}`));
    fs.append(h("p", { class: "dc-group-help" }, group.summary + " ", this.link(group.href, "Guidance for this step")));
    for (const field of group.fields) {
      this.fields.set(field.name, field);
      fs.append(this.field(field, field.name));
    }
    return fs;
  }

  wrap(field, path, control, { legendMode = false } = {}) {
    const id = idFor(path);
    const help = field.help ? h("p", { class: "dc-help", id: id + "-help" }, field.help) : null;
    if (help && field.href) help.append(" ", this.link(field.href, "More"));
    const error = h("p", { class: "dc-error", id: id + "-error", hidden: true });
    const describedBy = [help ? id + "-help" : null, id + "-error"].filter(Boolean).join(" ");
    if (legendMode) {
      const fs = h("fieldset", { class: "dc-field dc-field--set", "data-path": path, id, "aria-describedby": describedBy });
      fs.append(...[h("legend", {}, field.label), help, control, error].filter(Boolean));
      return fs;
    }
    for (const el of control.querySelectorAll ? [control] : []) el.setAttribute("aria-describedby", describedBy);
    return h("div", { class: "dc-field", "data-path": path }, h("label", { for: id }, field.label), help, control, error);
  }

  field(field, path) {
    const id = idFor(path);
    switch (field.kind) {
      case "text":
        return this.wrap(field, path, h("input", { type: "text", id, name: path, maxlength: 2000, autocomplete: "off" }));
      case "textarea":
        return this.wrap(field, path, h("textarea", { id, name: path, rows: 2, maxlength: 2000 }));
      case "country":
      case "choice": {
        const options = field.kind === "country" ? this.spec.countries : field.options;
        const select = h("select", { id, name: path }, h("option", { value: "" }, "Unknown / not stated"));
        for (const option of options) select.append(h("option", { value: option.value }, option.label));
        const wrapped = this.wrap(field, path, select);
        if (field.kind === "country") {
          // A link to the chosen country's profile (only for known codes, never for text from a file).
          const note = h("p", { class: "dc-option-help", "aria-live": "polite" });
          const update = () => {
            const chosen = options.find((o) => o.value === select.value);
            note.replaceChildren();
            if (chosen) note.append(this.link(`countries/${chosen.value.toLowerCase()}/`, `Country profile: ${chosen.label}`));
          };
          select.addEventListener("change", update);
          wrapped.insertBefore(note, wrapped.querySelector(".dc-error"));
          select._dcUpdate = update;
        }
        if (field.kind === "choice" && options.some((o) => o.help)) {
          const note = h("p", { class: "dc-option-help", "aria-live": "polite" });
          const update = () => {
            const chosen = options.find((o) => o.value === select.value);
            note.textContent = chosen && chosen.help ? chosen.help : "";
          };
          select.addEventListener("change", update);
          wrapped.insertBefore(note, wrapped.querySelector(".dc-error"));
          select._dcUpdate = update;
        }
        return wrapped;
      }
      case "tristate": {
        const box = h("div", { class: "dc-radios" });
        for (const [value, label] of [["", "Unknown"], ["true", "Yes"], ["false", "No"]]) {
          const rid = `${id}-${value || "unknown"}`;
          box.append(
            h("span", { class: "dc-radio" }, h("input", { type: "radio", id: rid, name: path, value, checked: value === "" }), h("label", { for: rid }, label)),
          );
        }
        return this.wrap(field, path, box, { legendMode: true });
      }
      case "multi": {
        const box = h("div", { class: "dc-checks" });
        const items = field.none_value ? [...field.options, { value: field.none_value, label: "None of these" }] : field.options;
        for (const option of items) box.append(this.checkbox(path, option));
        return this.wrap(field, path, box, { legendMode: true });
      }
      case "entries": {
        const box = h("div", { class: "dc-entries" });
        const states = [
          ["unclassified", "Not classified yet"],
          ["none", "Classified as not listed"],
          ["listed", "Listed under these entries:"],
        ];
        for (const [value, label] of states) {
          const rid = `${id}-${value}`;
          box.append(
            h("span", { class: "dc-radio" }, h("input", { type: "radio", id: rid, name: path + ".state", value, checked: value === "unclassified" }), h("label", { for: rid }, label)),
          );
        }
        const input = h("input", {
          type: "text",
          id: id + "-list",
          name: path,
          list: id + "-known",
          placeholder: "for example 5A001.j, 4D004",
          "aria-label": "Control-list entries, separated by commas",
          autocomplete: "off",
        });
        input.addEventListener("input", () => {
          if (input.value.trim()) box.querySelector(`#${id}-listed`).checked = true;
        });
        const known = h("datalist", { id: id + "-known" });
        for (const option of field.options) known.append(h("option", { value: option.value }, option.label));
        const entryLinks = h("p", { class: "dc-help" }, "Entries with a guidance page: ");
        field.options.forEach((option, i) => {
          if (i) entryLinks.append(", ");
          entryLinks.append(this.link(option.href, option.value));
        });
        box.append(input, known, entryLinks);
        return this.wrap(field, path, box, { legendMode: true });
      }
      case "repeat":
        return this.repeat(field, path);
      default:
        return h("p", {}, field.label);
    }
  }

  checkbox(path, option, extra = false) {
    const cid = `${idFor(path)}-${option.value.replace(/[^A-Za-z0-9]+/g, "-")}`;
    const label = h("label", { for: cid }, option.label);
    const item = h(
      "div",
      { class: "dc-check" + (extra ? " dc-check--unknown" : "") },
      h("input", { type: "checkbox", id: cid, name: path, value: option.value }),
      label,
    );
    if (option.href) item.append(" ", this.link(option.href, "(guidance)"));
    if (option.help) item.append(h("span", { class: "dc-option-help" }, option.help));
    return item;
  }

  repeat(field, path) {
    const list = h("div", { class: "dc-rows" });
    const add = h("button", { type: "button", class: "md-button dc-add" }, `Add ${field.item_label.toLowerCase()}`);
    const fs = h("fieldset", { class: "dc-field dc-field--set dc-repeat", "data-path": path, id: idFor(path) });
    const help = h("p", { class: "dc-help" }, field.help + " ");
    if (field.href) help.append(this.link(field.href, "More"));
    fs.append(h("legend", {}, field.label), help, list, add, h("p", { class: "dc-error", id: idFor(path) + "-error", hidden: true }));
    this.repeatRows.set(path, { field, list, rows: [] });
    add.addEventListener("click", () => {
      const row = this.addRow(path);
      row.querySelector("input, select").focus();
      this.onChange();
    });
    return fs;
  }

  addRow(path) {
    const info = this.repeatRows.get(path);
    const row = h("fieldset", { class: "dc-row" });
    info.rows.push(row);
    info.list.append(row);
    this.renumber(path);
    return row;
  }

  renumber(path) {
    const info = this.repeatRows.get(path);
    info.rows.forEach((row, index) => {
      const values = this.rowValues(row);
      row.replaceChildren();
      row.dataset.path = `${path}[${index}]`;
      row.append(h("legend", {}, `${info.field.item_label} ${index + 1}`));
      for (const sub of info.field.fields) row.append(this.field(sub, `${path}[${index}].${sub.name}`));
      const remove = h("button", { type: "button", class: "md-button dc-remove" }, `Remove ${info.field.item_label.toLowerCase()} ${index + 1}`);
      remove.addEventListener("click", () => {
        info.rows.splice(info.rows.indexOf(row), 1);
        row.remove();
        this.renumber(path);
        this.onChange();
      });
      row.append(remove);
      this.setRowValues(row, `${path}[${index}]`, info.field, values);
    });
  }

  rowValues(row) {
    const out = {};
    for (const el of row.querySelectorAll("input, select")) {
      const key = el.name.slice(el.name.lastIndexOf(".") + 1);
      if (el.type === "radio") {
        if (el.checked && el.value !== "") out[key] = el.value === "true";
      } else if (el.value !== "") out[key] = el.value;
    }
    return out;
  }

  setRowValues(row, prefix, field, values) {
    for (const sub of field.fields) {
      this.setValue(row, `${prefix}.${sub.name}`, sub, values[sub.name]);
    }
  }

  // Reading and writing deals -------------------------------------------------------------------------
  read() {
    const deal = { schema_version: 1 };
    for (const [path, field] of this.fields) {
      const value = this.getValue(this.el, path, field);
      if (value !== undefined) setPath(deal, path, value);
    }
    return deal;
  }

  getValue(scope, path, field) {
    const named = (name) => Array.from(scope.querySelectorAll("[name]")).filter((el) => el.name === name);
    switch (field.kind) {
      case "text":
      case "textarea":
      case "country":
      case "choice": {
        const el = named(path)[0];
        const value = el ? el.value.trim() : "";
        return value === "" ? undefined : el.value;
      }
      case "tristate": {
        const el = named(path).find((r) => r.checked);
        return !el || el.value === "" ? undefined : el.value === "true";
      }
      case "multi": {
        const values = named(path).filter((c) => c.checked).map((c) => c.value);
        if (field.none_value && values.includes(field.none_value)) return values.filter((v) => v !== field.none_value);
        return values.length ? values : undefined;
      }
      case "entries": {
        const state = named(path + ".state").find((r) => r.checked);
        const list = named(path)[0];
        const entries = list ? list.value.split(/[,;\n]+/).map((s) => s.trim()).filter(Boolean) : [];
        if (entries.length) return entries;
        return state && state.value === "none" ? [] : undefined;
      }
      case "repeat": {
        const info = this.repeatRows.get(path);
        const items = info.rows
          .map((row, index) => {
            const item = {};
            for (const sub of field.fields) {
              const value = this.getValue(row, `${path}[${index}].${sub.name}`, sub);
              if (value !== undefined) item[sub.name] = value;
            }
            return item;
          })
          .filter((item) => Object.keys(item).length);
        return items.length ? items : undefined;
      }
      default:
        return undefined;
    }
  }

  fill(deal) {
    for (const [path, info] of this.repeatRows) {
      info.rows.forEach((row) => row.remove());
      info.rows = [];
      void path;
    }
    for (const [path, field] of this.fields) this.setValue(this.el, path, field, getPath(deal, path));
  }

  setValue(scope, path, field, value) {
    const named = (name) => Array.from(scope.querySelectorAll("[name]")).filter((el) => el.name === name);
    switch (field.kind) {
      case "text":
      case "textarea": {
        const el = named(path)[0];
        el.value = value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
        break;
      }
      case "country":
      case "choice": {
        const el = named(path)[0];
        const text = value === undefined || value === null ? "" : String(value);
        let match = Array.from(el.options).find((o) => o.value === text);
        if (!match && text) {
          const upper = Array.from(el.options).find((o) => o.value === text.toUpperCase() || o.value === text.toLowerCase());
          if (upper) match = upper;
          else {
            // Keep what the file said, even when it is not a known value: the engine then names the problem.
            match = h("option", { value: text, "data-unknown": "" }, `${text} (not recognised)`);
            el.append(match);
          }
        }
        el.value = match ? match.value : "";
        if (el._dcUpdate) el._dcUpdate();
        break;
      }
      case "tristate": {
        const want = value === true ? "true" : value === false ? "false" : "";
        for (const radio of named(path)) radio.checked = radio.value === want;
        break;
      }
      case "multi": {
        const values = Array.isArray(value) ? value.map(String) : value === undefined || value === null ? [] : [String(value)];
        const boxes = named(path);
        for (const box of boxes) box.checked = values.includes(box.value);
        if (field.none_value && Array.isArray(value) && value.length === 0) {
          const none = boxes.find((b) => b.value === field.none_value);
          if (none) none.checked = true;
        }
        for (const v of values) {
          if (!boxes.some((b) => b.value === v)) {
            const item = this.checkbox(path, { value: v, label: `${v} (not recognised)` }, true);
            item.querySelector("input").checked = true;
            const target = scope.querySelector(`[data-path="${CSS.escape(path)}"] .dc-checks`);
            if (target) target.append(item);
          }
        }
        break;
      }
      case "entries": {
        const list = named(path)[0];
        const state = Array.isArray(value) ? (value.length ? "listed" : "none") : "unclassified";
        for (const radio of named(path + ".state")) radio.checked = radio.value === state;
        list.value = Array.isArray(value) ? value.map(String).join(", ") : value ? String(value) : "";
        break;
      }
      case "repeat": {
        const items = Array.isArray(value) ? value : [];
        const info = this.repeatRows.get(path);
        info.rows.forEach((row) => row.remove());
        info.rows = [];
        for (const item of items) {
          const row = h("fieldset", { class: "dc-row" });
          info.rows.push(row);
          info.list.append(row);
          row._dcInitial = item && typeof item === "object" ? item : {};
        }
        this.renumberWith(path);
        break;
      }
      default:
        break;
    }
  }

  renumberWith(path) {
    const info = this.repeatRows.get(path);
    this.renumber(path);
    info.rows.forEach((row, index) => {
      if (row._dcInitial) {
        this.setRowValues(row, `${path}[${index}]`, info.field, row._dcInitial);
        delete row._dcInitial;
      }
    });
  }

  // Problems from the engine's validator, next to the field they name ------------------------------
  clearProblems() {
    for (const el of this.el.querySelectorAll(".dc-error")) {
      el.hidden = true;
      el.textContent = "";
    }
    for (const el of this.el.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  }

  fieldFor(path) {
    let candidate = path;
    while (candidate) {
      const el = this.el.querySelector(`[data-path="${CSS.escape(candidate)}"]`);
      if (el) return el;
      const cut = Math.max(candidate.lastIndexOf("."), candidate.lastIndexOf("["));
      candidate = cut > 0 ? candidate.slice(0, cut) : "";
    }
    return null;
  }

  showProblems(problems) {
    this.clearProblems();
    const unplaced = [];
    const placed = [];
    for (const problem of problems) {
      const text = problem.message + (problem.hint ? ` (${problem.hint})` : "");
      const field = problem.path ? this.fieldFor(problem.path) : null;
      if (!field) {
        unplaced.push({ ...problem, text });
        continue;
      }
      const error = field.querySelector(":scope > .dc-error");
      error.hidden = false;
      error.textContent = error.textContent ? `${error.textContent} ${text}` : text;
      const control = field.querySelector("input:not([type=radio]):not([type=checkbox]), select, textarea") || field.querySelector("input");
      if (control) control.setAttribute("aria-invalid", "true");
      placed.push({ ...problem, text, field, control });
    }
    return { placed, unplaced };
  }
}

// Mounting the page -----------------------------------------------------------------------------------
function readManifest(root) {
  try {
    const manifest = JSON.parse(root.dataset.manifest || "{}");
    return manifest && manifest.form ? manifest : null;
  } catch (_err) {
    return null;
  }
}

export function mount(root) {
  const manifest = readManifest(root);
  const fallback = root.querySelector(".dc-fallback");
  if (!manifest) {
    if (fallback) {
      fallback.textContent =
        "The checker's runtime was not built into this copy of the site. Use the printable checklist below, or the dealcheck command-line tool.";
    }
    return () => {};
  }
  const siteRoot = new URL(root.dataset.root || "../", location.href);
  const stallMs = Number(root.dataset.stallMs) || STALL_MS;
  runtime.downloadStallMs = Number(root.dataset.stallMs) || DOWNLOAD_STALL_MS;
  runtime.releaseMs = Number(root.dataset.releaseMs) || RELEASE_MS;
  startWorker(manifest, siteRoot, stallMs); // first, so the runtime loads while the form is built
  const cleanups = [];
  let lastResult = null;
  let lastDeal = null;

  // Status, alerts and toolbar
  const progress = h("progress", { max: 4, value: 0, "aria-hidden": "true" });
  const stageText = h("span", { class: "dc-stage" });
  const status = h("div", { class: "dc-status", role: "status", "aria-live": "polite" }, progress, stageText);
  const alert = h("div", { class: "dc-alert", role: "alert", hidden: true });
  const notice = h("p", { class: "dc-notice", role: "status", "aria-live": "polite" });

  const fileInput = h("input", { type: "file", id: "dc-file", accept: ".yml,.yaml,.json,application/json,text/yaml,text/plain" });
  const loadBox = h(
    "div",
    { class: "dc-load" },
    h("label", { for: "dc-file" }, "Load a deal file (YAML or JSON)"),
    fileInput,
    h("span", { class: "dc-drop-hint" }, "or drop a deal file anywhere on the form."),
  );
  const draftToggle = h("input", { type: "checkbox", id: "dc-draft" });
  const eraseDraft = h("button", { type: "button", class: "md-button dc-erase", hidden: true }, "Erase the saved draft");
  const draftBox = h(
    "div",
    { class: "dc-draft" },
    h("span", {}, draftToggle, h("label", { for: "dc-draft" }, " Keep a draft of this deal in this browser (it stays on this computer; off by default)")),
    eraseDraft,
  );
  const shareOut = h("input", { type: "text", id: "dc-share-link", readonly: true, hidden: true, "aria-label": "Share link" });
  const toolbar = h(
    "div",
    { class: "dc-toolbar" },
    loadBox,
    h(
      "div",
      { class: "dc-buttons" },
      h("button", { type: "button", class: "md-button", onclick: () => saveDeal("yaml") }, "Download deal (YAML)"),
      h("button", { type: "button", class: "md-button", onclick: () => saveDeal("json") }, "Download deal (JSON)"),
      h("button", { type: "button", class: "md-button", onclick: () => share() }, "Make a share link"),
      h("button", { type: "button", class: "md-button", onclick: () => clearForm() }, "Clear the form"),
    ),
    shareOut,
    draftBox,
  );

  const form = new DealForm(manifest.form, siteRoot, () => changed());
  const summary = h("div", { class: "dc-error-summary", role: "alert", tabindex: "-1", hidden: true });
  const submit = h("button", { type: "submit", class: "md-button md-button--primary dc-submit" }, "Check the deal");
  const formEl = h("form", { class: "dc-form", novalidate: true, "aria-label": "Deal details" }, summary, form.el, submit);

  const reportHost = h("div", { class: "dc-report-host" });
  const resultHeading = h("h2", { id: "dc-result-title", tabindex: "-1" }, "Result");
  const result = h(
    "section",
    { class: "dc-result", "aria-labelledby": "dc-result-title", hidden: true },
    resultHeading,
    h(
      "div",
      { class: "dc-buttons" },
      h("button", { type: "button", class: "md-button", onclick: () => saveReport("html") }, "Download report (HTML)"),
      h("button", { type: "button", class: "md-button", onclick: () => saveReport("markdown") }, "Download report (Markdown)"),
      h("button", { type: "button", class: "md-button", onclick: () => saveReport("json") }, "Download report (JSON)"),
      h("button", { type: "button", class: "md-button", onclick: () => printReport() }, "Print the report"),
    ),
    reportHost,
  );

  const app = h("div", { class: "dc-app" }, status, alert, toolbar, notice, formEl, result);
  if (fallback) fallback.hidden = true;
  root.querySelector(".dc-app")?.remove();
  root.append(app);

  // Runtime state -> status line and failure message
  function render() {
    if (runtime.status === "ready") {
      progress.value = 4;
      progress.hidden = true;
      stageText.textContent = "The checker is ready.";
      root.dataset.state = "ready";
      alert.hidden = true;
    } else if (runtime.status === "failed") {
      progress.hidden = true;
      stageText.textContent = "The checker could not start.";
      root.dataset.state = "failed";
      root.dataset.failure = runtime.error.kind;
      showFailure(runtime.error);
    } else {
      const stage = runtime.stage || { step: 0, of: 4, text: "Starting the checker" };
      progress.hidden = false;
      progress.value = stage.step;
      stageText.textContent = `Loading the checker, step ${stage.step} of ${stage.of}: ${stage.text}… You can fill in the form meanwhile.`;
      root.dataset.state = "loading";
    }
  }

  function showFailure(error) {
    alert.replaceChildren(
      h("p", {}, h("strong", {}, "The checker cannot run here. "), error.message),
      h(
        "p",
        {},
        error.kind === "file"
          ? "Open the site from a web server instead (for example `bash dev.sh serve`, or the published site). "
          : "Try reloading the page, or another up-to-date browser. ",
        "Meanwhile, work through the ",
        h("a", { href: "#dc-checklist" }, "printable checklist"),
        " below. What you typed is kept on this page: you can download it as a JSON deal file and screen it later or with the dealcheck command-line tool.",
      ),
      h("button", { type: "button", class: "md-button", onclick: () => saveDeal("json") }, "Download what you typed (JSON)"),
      ["timeout", "load"].includes(error.kind)
        ? h("button", { type: "button", class: "md-button", onclick: () => retry() }, "Try loading the checker again")
        : null,
    );
    alert.hidden = false;
    const details = document.querySelector(".dc-checklist-wrap");
    if (details) details.open = true;
  }

  function retry() {
    alert.hidden = true;
    startWorker(manifest, siteRoot, stallMs);
    render();
  }

  runtime.listeners.add(render);
  cleanups.push(() => runtime.listeners.delete(render));
  render();

  // Draft (opt-in), share link, initial fill
  function storedDraft() {
    try {
      return localStorage.getItem(DRAFT_KEY);
    } catch (_err) {
      return null;
    }
  }
  function saveDraft() {
    if (!draftToggle.checked) return;
    try {
      localStorage.setItem(DRAFT_KEY, JSON.stringify(form.read()));
      eraseDraft.hidden = false;
    } catch (_err) {
      notice.textContent = "This browser does not allow saving a draft.";
    }
  }
  function clearDraft() {
    try {
      localStorage.removeItem(DRAFT_KEY);
    } catch (_err) {
      /* nothing stored */
    }
    eraseDraft.hidden = true;
  }
  draftToggle.addEventListener("change", () => {
    if (draftToggle.checked) {
      saveDraft();
      notice.textContent = "A draft of this deal is now kept in this browser.";
    } else {
      clearDraft();
      notice.textContent = "The draft was erased from this browser.";
    }
  });
  eraseDraft.addEventListener("click", () => {
    clearDraft();
    draftToggle.checked = false;
    notice.textContent = "The draft was erased from this browser.";
  });

  let changeTimer = null;
  function changed() {
    saveDraft();
    clearTimeout(changeTimer);
    if (runtime.status === "ready" && formEl.dataset.checked) {
      changeTimer = setTimeout(() => validate(), 400);
    }
  }
  formEl.addEventListener("input", changed);
  formEl.addEventListener("change", changed);

  const hash = location.hash.startsWith("#deal=") ? location.hash.slice(6) : null;
  const draft = storedDraft();
  if (hash) {
    try {
      form.fill(JSON.parse(b64urlDecode(hash)));
      notice.textContent = "The deal from the share link is filled in below.";
    } catch (_err) {
      notice.textContent = "The share link is damaged: its deal could not be read.";
    }
  } else if (draft) {
    try {
      form.fill(JSON.parse(draft));
      notice.textContent = "Your saved draft is filled in below.";
    } catch (_err) {
      clearDraft();
    }
  }
  if (draft) {
    draftToggle.checked = true;
    eraseDraft.hidden = false;
  }

  // Actions
  async function validate() {
    try {
      const response = await call({ op: "validate", deal: form.read() });
      if (response.ok) {
        form.clearProblems();
        summary.hidden = true;
      } else if (response.problems) showSummary(form.showProblems(response.problems));
    } catch (_err) {
      /* the failure message is already shown */
    }
  }

  function showSummary({ placed, unplaced }) {
    const list = h("ul");
    for (const p of placed) {
      const target = p.control || p.field;
      list.append(
        h("li", {}, h("a", { href: "#" + (target.id || ""), onclick: (e) => { e.preventDefault(); target.focus(); } }, `${p.path}: ${p.text}`)),
      );
    }
    for (const p of unplaced) list.append(h("li", {}, p.path ? `${p.path}: ${p.text}` : p.text));
    summary.replaceChildren(h("h2", {}, "The deal cannot be screened yet"), h("p", {}, "Fix these fields:"), list);
    summary.hidden = false;
  }

  formEl.addEventListener("submit", async (event) => {
    event.preventDefault();
    formEl.dataset.checked = "1";
    const deal = form.read();
    if (runtime.status !== "ready") {
      notice.textContent =
        runtime.status === "failed" ? "The checker could not start; see the message above." : "Your deal will be checked as soon as the checker has loaded.";
    }
    let response;
    try {
      response = await call({ op: "screen", deal, base_url: siteRoot.href });
    } catch (_err) {
      return;
    }
    if (!root.isConnected) return;
    if (!response.ok) {
      result.hidden = true;
      if (response.problems) {
        showSummary(form.showProblems(response.problems));
        summary.focus();
      } else {
        notice.textContent = "Something went wrong inside the checker. Please download your deal and report the problem.";
      }
      return;
    }
    form.clearProblems();
    summary.hidden = true;
    lastResult = response;
    lastDeal = deal;
    reportHost.innerHTML = response.fragment; // the engine's escaped HTML report
    root.dataset.verdict = response.verdict;
    root.dataset.screenMs = String(response.worker_ms);
    result.hidden = false;
    notice.textContent = "";
    resultHeading.focus();
  });

  async function saveDeal(format) {
    const deal = form.read();
    if (format === "json" || runtime.status !== "ready") {
      if (format !== "json") notice.textContent = "YAML needs the checker engine, which is not running; saved as JSON instead.";
      download(`${fileStem(deal)}.deal.json`, JSON.stringify(deal, null, 2) + "\n", "application/json");
      return;
    }
    const response = await call({ op: "dump", deal, format: "yaml" });
    if (response.ok) download(`${fileStem(deal)}.deal.yml`, response.text, "text/yaml");
  }

  async function saveReport(format) {
    if (!lastResult) return;
    // The engine renders the downloads from the deal that was screened, as of the same date.
    const response = await call({ op: "report", deal: lastDeal, format, on: lastResult.screened_on, base_url: siteRoot.href });
    if (!response.ok) {
      notice.textContent = "The report could not be made; check the deal again.";
      return;
    }
    const stem = fileStem(lastDeal) + ".report";
    const kinds = { html: [".html", "text/html"], markdown: [".md", "text/markdown"], json: [".json", "application/json"] };
    download(stem + kinds[format][0], response.text, kinds[format][1]);
  }

  function printReport() {
    document.body.classList.add("dc-print-report");
    const done = () => {
      document.body.classList.remove("dc-print-report");
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
  }

  function share() {
    const link = `${location.origin}${location.pathname}#deal=${b64urlEncode(JSON.stringify(form.read()))}`;
    shareOut.value = link;
    shareOut.hidden = false;
    shareOut.select();
    notice.textContent =
      "Share link made (selected above). The deal travels in the part after #, which browsers never send to the server; anyone with the link can read it.";
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(link).catch(() => {});
  }

  function clearForm() {
    form.fill({});
    form.clearProblems();
    summary.hidden = true;
    result.hidden = true;
    saveDraft();
    notice.textContent = "The form was cleared.";
  }

  async function loadFile(file) {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      notice.textContent = `${file.name} is too large for a deal file (limit ${MAX_FILE_BYTES} bytes).`;
      return;
    }
    const text = await file.text();
    let response;
    if (runtime.status === "failed") {
      try {
        response = { ok: true, deal: JSON.parse(text), problems: [] };
      } catch (_err) {
        notice.textContent = `${file.name}: without the checker engine only JSON deal files can be loaded.`;
        return;
      }
    } else {
      notice.textContent = runtime.status === "ready" ? "" : "The file will be read as soon as the checker has loaded.";
      response = await call({ op: "load", text, name: file.name });
    }
    if (!response.ok) {
      const first = (response.problems || []).map((p) => (p.path ? `${p.path}: ` : "") + p.message + (p.hint ? ` (${p.hint})` : ""));
      notice.textContent = `${file.name} could not be loaded: ${first.join("; ") || "unknown problem"}. The form was left as it was.`;
      return;
    }
    form.fill(response.deal);
    saveDraft();
    result.hidden = true;
    if (response.problems && response.problems.length) {
      showSummary(form.showProblems(response.problems));
      notice.textContent = `${file.name} is loaded, with problems to fix (marked below).`;
    } else {
      form.clearProblems();
      summary.hidden = true;
      notice.textContent = `${file.name} is loaded.`;
    }
  }
  fileInput.addEventListener("change", () => {
    loadFile(fileInput.files[0]);
    fileInput.value = "";
  });
  const onDragOver = (event) => {
    if (event.dataTransfer && Array.from(event.dataTransfer.types).includes("Files")) {
      event.preventDefault();
      app.classList.add("dc-dragging");
    }
  };
  const onDragLeave = () => app.classList.remove("dc-dragging");
  const onDrop = (event) => {
    event.preventDefault();
    app.classList.remove("dc-dragging");
    const file = event.dataTransfer && event.dataTransfer.files[0];
    if (file) loadFile(file);
  };
  app.addEventListener("dragover", onDragOver);
  app.addEventListener("dragleave", onDragLeave);
  app.addEventListener("drop", onDrop);

  return () => {
    for (const cleanup of cleanups) cleanup();
    clearTimeout(changeTimer);
  };
}
