// The form's widgets: one table, {kind: {build, read, write}}, for every field kind of the engine's form spec
// (checker.browser.form_spec). A new field kind is one entry here; nothing else switches over kinds.
//   build(field, path, ctx) -> the field's element (it carries data-path = the deal path)
//   read(el, field, ctx)    -> the deal value the field holds, or undefined for "unknown"
//   write(el, field, value, ctx) shows `value` (a value it does not know is kept and marked, never dropped)
// `ctx` is the form: ctx.link(href, text), ctx.countries, ctx.changed().

import { h, idFor } from "./dom.js";

// One wording of "unknown" for every choice: selects and yes/no questions alike.
const UNKNOWN_LABEL = "Unknown / not stated";

function wrap(ctx, field, path, control, { legendMode = false } = {}) {
  const id = idFor(path);
  const help = field.help ? h("p", { class: "dc-help", id: id + "-help" }, field.help) : null;
  if (help && field.href) help.append(" ", ctx.link(field.href, "More"));
  const error = h("p", { class: "dc-error", id: id + "-error", hidden: true });
  const describedBy = [help ? id + "-help" : null, id + "-error"].filter(Boolean).join(" ");
  if (legendMode) {
    const fs = h("fieldset", { class: "dc-field dc-field--set", "data-path": path, id, "aria-describedby": describedBy });
    fs.append(...[h("legend", {}, field.label), help, control, error].filter(Boolean));
    return fs;
  }
  control.setAttribute("aria-describedby", describedBy);
  return h("div", { class: "dc-field", "data-path": path }, h("label", { for: id }, field.label), help, control, error);
}

function radio(name, id, value, label, checked) {
  return h(
    "span",
    { class: "dc-radio" },
    h("input", { type: "radio", id, name, value, checked }),
    h("label", { for: id }, label),
  );
}

function checkbox(ctx, path, option, unknown = false) {
  const cid = `${idFor(path)}-${option.value.replace(/[^A-Za-z0-9]+/g, "-")}`;
  const item = h(
    "div",
    { class: "dc-check" + (unknown ? " dc-check--unknown" : "") },
    h("input", { type: "checkbox", id: cid, name: path, value: option.value }),
    h("label", { for: cid }, option.label),
  );
  if (option.href) item.append(" ", ctx.link(option.href, "(guidance)"));
  if (option.help) item.append(h("span", { class: "dc-option-help" }, option.help));
  return item;
}

// Who provides a ticked item (services): a select beside its checkbox, read only when the box is ticked.
function providerSelect(path, option, field) {
  const sid = `${idFor(path)}-${option.value.replace(/[^A-Za-z0-9]+/g, "-")}-provider`;
  const select = h(
    "select",
    { id: sid, class: "dc-provider", "data-provider-for": option.value, "aria-label": `Who provides ${option.label}` },
    h("option", { value: "" }, "provided by: not stated"),
  );
  for (const p of field.provider_options) select.append(h("option", { value: p.value }, `provided by: ${p.label}`));
  return h("span", { class: "dc-provider-wrap" }, select);
}

const scalar = (el) => el.querySelector("input, textarea");
const text = (value) => (value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value));

// Selects (country, choice) ------------------------------------------------------------------------------------
function selectOptions(field, ctx) {
  return field.kind === "country" ? [...(field.extra_options || []), ...ctx.countries] : field.options;
}

function buildSelect(field, path, ctx) {
  const options = selectOptions(field, ctx);
  const select = h("select", { id: idFor(path), name: path }, h("option", { value: "" }, UNKNOWN_LABEL));
  for (const option of options) select.append(h("option", { value: option.value }, option.label));
  const el = wrap(ctx, field, path, select);
  let show = null;
  if (field.kind === "country") {
    // A link to the chosen country's profile (only for known codes, never for text from a file).
    show = (note, chosen) => {
      note.replaceChildren();
      if (chosen) note.append(ctx.link(`countries/${chosen.value.toLowerCase()}/`, `Country profile: ${chosen.label}`));
    };
  } else if (options.some((o) => o.help)) {
    show = (note, chosen) => {
      note.textContent = chosen && chosen.help ? chosen.help : "";
    };
  }
  if (show) {
    const note = h("p", { class: "dc-option-help", "aria-live": "polite" });
    select.addEventListener("change", () => show(note, options.find((o) => o.value === select.value)));
    el.insertBefore(note, el.querySelector(".dc-error"));
    select.dcShow = () => show(note, options.find((o) => o.value === select.value));
  }
  return el;
}

function readSelect(el) {
  const select = el.querySelector("select");
  return select.value.trim() === "" ? undefined : select.value;
}

function writeSelect(el, field, value) {
  const select = el.querySelector("select");
  for (const stale of select.querySelectorAll("option[data-unknown]")) stale.remove();
  const wanted = value === undefined || value === null ? "" : String(value);
  const options = Array.from(select.options);
  let match = options.find((o) => o.value === wanted);
  if (!match && wanted) match = options.find((o) => o.value === wanted.toUpperCase() || o.value === wanted.toLowerCase());
  if (!match && wanted) {
    // Keep what the file said, even when it is not a known value: the engine then names the problem.
    match = h("option", { value: wanted, "data-unknown": "" }, `${wanted} (not recognised)`);
    select.append(match);
  }
  select.value = match ? match.value : "";
  if (select.dcShow) select.dcShow();
}

// The table ------------------------------------------------------------------------------------------------------
export const WIDGETS = {
  text: {
    build: (field, path, ctx) =>
      wrap(ctx, field, path, h("input", { type: "text", id: idFor(path), name: path, maxlength: 2000, autocomplete: "off" })),
    read: (el) => (scalar(el).value.trim() === "" ? undefined : scalar(el).value),
    write: (el, _field, value) => {
      scalar(el).value = text(value);
    },
  },
  textarea: {
    build: (field, path, ctx) => wrap(ctx, field, path, h("textarea", { id: idFor(path), name: path, rows: 2, maxlength: 2000 })),
    read: (el) => (scalar(el).value.trim() === "" ? undefined : scalar(el).value),
    write: (el, _field, value) => {
      scalar(el).value = text(value);
    },
  },
  lines: {
    // A list of texts, one per line (a party's other names): empty lines are dropped.
    build: (field, path, ctx) =>
      wrap(ctx, field, path, h("textarea", { id: idFor(path), name: path, rows: 2, autocomplete: "off", "data-kind": "lines" })),
    read: (el) => {
      const items = scalar(el)
        .value.split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean);
      return items.length ? items : undefined;
    },
    write: (el, _field, value) => {
      scalar(el).value = Array.isArray(value) ? value.map(text).join("\n") : text(value);
    },
  },
  country: { build: buildSelect, read: readSelect, write: writeSelect },
  choice: { build: buildSelect, read: readSelect, write: writeSelect },
  tristate: {
    build: (field, path, ctx) => {
      const id = idFor(path);
      const box = h("div", { class: "dc-radios" });
      for (const [value, label] of [["", UNKNOWN_LABEL], ["true", "Yes"], ["false", "No"]]) {
        box.append(radio(path, `${id}-${value || "unknown"}`, value, label, value === ""));
      }
      return wrap(ctx, field, path, box, { legendMode: true });
    },
    read: (el) => {
      const chosen = Array.from(el.querySelectorAll("input[type=radio]")).find((r) => r.checked);
      return !chosen || chosen.value === "" ? undefined : chosen.value === "true";
    },
    write: (el, _field, value) => {
      const want = value === true ? "true" : value === false ? "false" : "";
      for (const r of el.querySelectorAll("input[type=radio]")) r.checked = r.value === want;
    },
  },
  multi: {
    build: (field, path, ctx) => {
      const box = h("div", { class: "dc-checks" });
      const items = field.none_value ? [...field.options, { value: field.none_value, label: "None of these" }] : field.options;
      for (const option of items) {
        const item = checkbox(ctx, path, option);
        if (field.provider_options && option.value !== field.none_value) item.append(providerSelect(path, option, field));
        box.append(item);
      }
      return wrap(ctx, field, path, box, { legendMode: true });
    },
    read: (el, field) => {
      const values = Array.from(el.querySelectorAll("input[type=checkbox]"))
        .filter((c) => c.checked)
        .map((c) => c.value);
      if (field.none_value && values.includes(field.none_value)) return values.filter((v) => v !== field.none_value);
      // A ticked item with a provider chosen is {id, provider} (services: who provides each one).
      const withProvider = values.map((v) => {
        const select = el.querySelector(`select[data-provider-for="${CSS.escape(v)}"]`);
        return select && select.value ? { id: v, provider: select.value } : v;
      });
      return withProvider.length ? withProvider : undefined;
    },
    write: (el, field, value, ctx) => {
      for (const stale of el.querySelectorAll(".dc-check--unknown")) stale.remove();
      const raw = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
      const isItem = (v) => v && typeof v === "object" && !Array.isArray(v) && "id" in v;
      const values = raw.map((v) => (isItem(v) ? String(v.id) : text(v)));
      for (const select of el.querySelectorAll("select[data-provider-for]")) {
        const item = raw.find((v) => isItem(v) && String(v.id) === select.dataset.providerFor);
        writeSelect(select.parentElement, null, item ? item.provider : undefined);
      }
      const boxes = Array.from(el.querySelectorAll("input[type=checkbox]"));
      for (const box of boxes) box.checked = values.includes(box.value);
      if (field.none_value && Array.isArray(value) && value.length === 0) {
        const none = boxes.find((b) => b.value === field.none_value);
        if (none) none.checked = true;
      }
      for (const v of values) {
        if (boxes.some((b) => b.value === v)) continue;
        const item = checkbox(ctx, el.dataset.path, { value: v, label: `${v} (not recognised)` }, true);
        item.querySelector("input").checked = true;
        el.querySelector(".dc-checks").append(item);
      }
    },
  },
  entries: {
    build: (field, path, ctx) => {
      const id = idFor(path);
      const box = h("div", { class: "dc-entries" });
      const states = [
        ["unclassified", "Not classified yet"],
        ["none", "Classified as not listed"],
        ["listed", "Listed under these entries:"],
      ];
      for (const [value, label] of states) box.append(radio(path + ".state", `${id}-${value}`, value, label, value === "unclassified"));
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
        entryLinks.append(ctx.link(option.href, option.value));
      });
      box.append(input, known, entryLinks);
      return wrap(ctx, field, path, box, { legendMode: true });
    },
    read: (el) => {
      const state = Array.from(el.querySelectorAll("input[type=radio]")).find((r) => r.checked);
      const list = el.querySelector("input[type=text]");
      // Entries written from a file or a link come back as they were, never re-split: an entry may hold a ',' or ';'.
      if (el.dcWritten && list.value === el.dcWritten.text && el.dcWritten.entries.length) return el.dcWritten.entries.slice();
      const entries = list.value
        .split(/[,;\n]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      if (entries.length) return entries;
      return state && state.value === "none" ? [] : undefined;
    },
    write: (el, _field, value) => {
      const state = Array.isArray(value) ? (value.length ? "listed" : "none") : "unclassified";
      for (const r of el.querySelectorAll("input[type=radio]")) r.checked = r.value === state;
      const text = Array.isArray(value) ? value.map(String).join(", ") : value ? String(value) : "";
      el.querySelector("input[type=text]").value = text;
      el.dcWritten = Array.isArray(value) ? { text, entries: value.map(String) } : null;
    },
  },
  repeat: {
    build: (field, path, ctx) => {
      const id = idFor(path);
      const list = h("div", { class: "dc-rows" });
      const add = h("button", { type: "button", class: "md-button dc-add" }, `Add ${field.item_label.toLowerCase()}`);
      const el = h("fieldset", { class: "dc-field dc-field--set dc-repeat", "data-path": path, id });
      const help = h("p", { class: "dc-help" }, field.help + " ");
      if (field.href) help.append(ctx.link(field.href, "More"));
      el.append(h("legend", {}, field.label), help, list, add, h("p", { class: "dc-error", id: id + "-error", hidden: true }));
      add.addEventListener("click", () => {
        const row = addRow(el, field, ctx, {});
        row.querySelector("input, select").focus();
        ctx.changed();
      });
      return el;
    },
    read: (el, field, ctx) => {
      const items = rows(el)
        .map((row) => {
          const item = {};
          for (const sub of field.fields) {
            const value = readField(subField(row, sub), sub, ctx);
            if (value !== undefined) item[sub.name] = value;
          }
          return item;
        })
        .filter((item) => Object.keys(item).length);
      return items.length ? items : undefined;
    },
    write: (el, field, value, ctx) => {
      for (const row of rows(el)) row.remove();
      for (const item of Array.isArray(value) ? value : []) addRow(el, field, ctx, item && typeof item === "object" ? item : {});
    },
  },
};

// Repeated rows (intermediaries): each row is rebuilt on renumbering so ids, labels and paths follow its position.
function rows(el) {
  return Array.from(el.querySelectorAll(":scope > .dc-rows > .dc-row"));
}

function subField(row, sub) {
  return row.querySelector(`:scope > [data-path="${CSS.escape(`${row.dataset.path}.${sub.name}`)}"]`);
}

function addRow(el, field, ctx, values) {
  const row = h("fieldset", { class: "dc-row" });
  el.querySelector(":scope > .dc-rows").append(row);
  fillRow(el, row, field, ctx, rows(el).length - 1, values);
  return row;
}

function fillRow(el, row, field, ctx, index, values) {
  const path = `${el.dataset.path}[${index}]`;
  row.replaceChildren();
  row.dataset.path = path;
  row.append(h("legend", {}, `${field.item_label} ${index + 1}`));
  for (const sub of field.fields) row.append(buildField(sub, `${path}.${sub.name}`, ctx));
  const remove = h("button", { type: "button", class: "md-button dc-remove" }, `Remove ${field.item_label.toLowerCase()} ${index + 1}`);
  remove.addEventListener("click", () => {
    row.remove();
    renumber(el, field, ctx);
    ctx.changed();
  });
  row.append(remove);
  for (const sub of field.fields) writeField(subField(row, sub), sub, values[sub.name], ctx);
}

function renumber(el, field, ctx) {
  rows(el).forEach((row, index) => {
    const values = {};
    for (const sub of field.fields) values[sub.name] = readField(subField(row, sub), sub, ctx);
    fillRow(el, row, field, ctx, index, values);
  });
}

// Entry points ---------------------------------------------------------------------------------------------------
// A field kind this page does not know (a newer engine's form spec): shown as a note, and a value loaded from a
// file or a link is kept as it was, so saving the deal never drops it.
const UNSUPPORTED = {
  build: (field, path) =>
    h("div", { class: "dc-field", "data-path": path }, h("p", { class: "dc-help" }, `${field.label}: this page cannot edit this field; a value loaded from a deal file is kept.`)),
  read: (el) => el.dcValue,
  write: (el, _field, value) => {
    el.dcValue = value === null ? undefined : value;
  },
};

function widget(field) {
  return WIDGETS[field.kind] || UNSUPPORTED;
}

export function buildField(field, path, ctx) {
  return widget(field).build(field, path, ctx);
}

export function readField(el, field, ctx) {
  return widget(field).read(el, field, ctx);
}

export function writeField(el, field, value, ctx) {
  widget(field).write(el, field, value, ctx);
}
