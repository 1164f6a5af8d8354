// The deal form: built from the engine's form spec (fields named by the deal file's dotted paths, grouped by
// due-diligence step), read into a deal and filled from one through the widget table, and showing the engine's
// validation problems next to the fields they name.

import { getPath, h, setPath } from "./dom.js";
import { buildField, readField, writeField } from "./widgets.js";

export function guidanceLink(href, text) {
  return h("a", { href, target: "_blank", rel: "noopener" }, text, h("span", { class: "dc-sr-only" }, " (opens in a new tab)"));
}

export class DealForm {
  constructor(spec, siteRoot, onChange) {
    this.spec = spec;
    this.siteRoot = siteRoot;
    this.countries = spec.countries;
    this.onChange = onChange;
    this.fields = []; // [{field, el}] for the top-level fields, in form order
    this.el = h("div", { class: "dc-groups" });
    spec.groups.forEach((group, index) => this.el.append(this.group(group, index + 1)));
  }

  // The widgets' context --------------------------------------------------------------------------------------
  /** Guidance opens in a new tab, so the form stays as it was (and instant navigation leaves such links alone). */
  link(href, text) {
    return guidanceLink(new URL(href, this.siteRoot).href, text);
  }

  changed() {
    this.onChange();
  }

  group(group, number) {
    const fs = h("fieldset", { class: "dc-group", id: "dc-group-" + group.id, "data-step": group.id });
    fs.append(h("legend", {}, `Step ${number}: ${group.title}`));
    fs.append(h("p", { class: "dc-group-help" }, group.summary + " ", this.link(group.href, "Guidance for this step")));
    for (const field of group.fields) {
      const el = buildField(field, field.name, this);
      this.fields.push({ field, el });
      fs.append(el);
    }
    return fs;
  }

  // Reading and writing deals -----------------------------------------------------------------------------------
  read() {
    const deal = { schema_version: this.spec.schema_version || 1 };
    for (const { field, el } of this.fields) {
      const value = readField(el, field, this);
      if (value !== undefined) setPath(deal, field.name, value);
    }
    return deal;
  }

  fill(deal) {
    for (const { field, el } of this.fields) writeField(el, field, getPath(deal || {}, field.name), this);
  }

  // Problems from the engine's validator, next to the field they name ------------------------------------------
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
      const error = field && field.querySelector(":scope > .dc-error");
      if (!error) {
        unplaced.push({ ...problem, text });
        continue;
      }
      error.hidden = false;
      error.textContent = error.textContent ? `${error.textContent} ${text}` : text;
      const control =
        field.querySelector("input:not([type=radio]):not([type=checkbox]), select, textarea") || field.querySelector("input");
      if (control) control.setAttribute("aria-invalid", "true");
      placed.push({ ...problem, text, field, control });
    }
    return { placed, unplaced };
  }
}
