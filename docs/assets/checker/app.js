// The deal checker page, put together: the runtime (runtime.js: the worker running the engine), the form
// (form.js, widgets.js), keeping and sharing work (storage.js) and the result (report.js). checker.js imports this
// module on the checker page only and calls mount(); leave() and release() let it go of the worker.

import { download, fileStem, h } from "./dom.js";
import { DealForm } from "./form.js";
import { canRetry, STAGE_COUNT } from "./protocol.js";
import { ReportView } from "./report.js";
import { call, configure, leave, release, runtime, start, subscribe, TimedOut } from "./runtime.js";
import { dealFromHash, draft, session, shareLink } from "./storage.js";

export { leave, release };

const MAX_FILE_BYTES = 1000000;

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
  configure({
    stallMs: Number(root.dataset.stallMs) || 0,
    releaseMs: Number(root.dataset.releaseMs) || 0,
    callLimitMs: Number(root.dataset.callLimitMs) || 0,
  });
  start(manifest, siteRoot); // first, so the runtime loads while the form is built
  const cleanups = [];

  // Status, alerts and toolbar
  const progress = h("progress", { max: STAGE_COUNT, value: 0, "aria-hidden": "true" });
  const stageText = h("span", { class: "dc-stage" });
  const status = h("div", { class: "dc-status", role: "status", "aria-live": "polite" }, progress, stageText);
  const alert = h("div", { class: "dc-alert", role: "alert", hidden: true });
  const notice = h("p", { class: "dc-notice", role: "status", "aria-live": "polite" });
  // A notice, optionally with one action button (Undo after clearing the form or loading a file over it).
  const say = (text, action = null) => {
    notice.replaceChildren(text);
    if (action) notice.append(h("button", { type: "button", class: "md-button", onclick: action.run }, action.label));
  };

  const fileInput = h("input", { type: "file", id: "dc-file", accept: ".yml,.yaml,.json,application/json,text/yaml,text/plain" });
  const loadBox = h(
    "div",
    { class: "dc-load" },
    h("label", { for: "dc-file" }, "Open deal (a saved YAML or JSON deal file)"),
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
  const shareOut = h("input", { type: "text", id: "dc-share-link", readonly: true, "aria-label": "Share link" });
  const copyShare = h("button", { type: "button", class: "md-button dc-copy", onclick: () => copyLink() }, "Copy the share link");
  const shareBox = h("div", { class: "dc-share", hidden: true }, shareOut, copyShare);
  const toolbar = h(
    "div",
    { class: "dc-toolbar" },
    loadBox,
    h(
      "div",
      { class: "dc-buttons" },
      h("button", { type: "button", class: "md-button", onclick: () => saveDeal("yaml") }, "Save deal"),
      h("button", { type: "button", class: "md-button", onclick: () => saveDeal("json") }, "Save deal as JSON"),
      h("button", { type: "button", class: "md-button", onclick: () => share() }, "Make a share link"),
      h("button", { type: "button", class: "md-button", onclick: () => clearForm() }, "Clear the form"),
    ),
    shareBox,
    draftBox,
  );

  const form = new DealForm(manifest.form, siteRoot, () => changed());
  const summary = h("div", { class: "dc-error-summary", role: "alert", tabindex: "-1", hidden: true });
  const submit = h(
    "button",
    { type: "submit", class: "md-button md-button--primary dc-submit", "aria-keyshortcuts": "Control+Enter Meta+Enter" },
    "Check the deal",
  );
  // The shortcut, said once above the form (and to screen readers through aria-keyshortcuts on every submit button).
  const shortcut = h("p", { class: "dc-shortcut", id: "dc-shortcut" }, "Press Ctrl+Enter (Cmd+Enter on a Mac) in any field to check the deal, or use the button at the end of any step.");
  // A submit button closing every step: nobody has to tab through the whole form to check a deal.
  for (const group of form.el.querySelectorAll(":scope > .dc-group")) {
    group.append(
      h(
        "button",
        { type: "submit", class: "md-button dc-step-submit", "aria-keyshortcuts": "Control+Enter Meta+Enter", "aria-describedby": "dc-shortcut" },
        "Check the deal",
      ),
    );
  }
  const formEl = h("form", { class: "dc-form", novalidate: true, "aria-label": "Deal details" }, shortcut, summary, form.el, submit);
  const report = new ReportView({ siteRoot, say, siteName: root.dataset.siteName || "" });

  const app = h("div", { class: "dc-app" }, status, alert, toolbar, notice, formEl, report.el);
  if (fallback) fallback.hidden = true;
  root.querySelector(".dc-app")?.remove();
  root.append(app);

  // Runtime state -> status line and failure message
  function render() {
    if (runtime.status === "ready") {
      progress.value = STAGE_COUNT;
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
      const stage = runtime.stage || { step: 0, of: STAGE_COUNT, text: "Starting the checker" };
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
      canRetry(error.kind) ? h("button", { type: "button", class: "md-button", onclick: () => retry() }, "Try loading the checker again") : null,
    );
    alert.hidden = false;
    const details = document.querySelector(".dc-checklist-wrap");
    if (details) details.open = true;
  }

  function retry() {
    alert.hidden = true;
    start(manifest, siteRoot);
    render();
  }

  cleanups.push(subscribe(render));
  render();

  // Keys typed anywhere in the checker are the visitor's: Material's single-key shortcuts (n, p, s, /) would
  // otherwise navigate away or open the search when focus is on a link or button beside a field. Ctrl+Enter
  // (Cmd+Enter) checks the deal from any field.
  root.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && formEl.contains(event.target)) {
      event.preventDefault();
      formEl.requestSubmit();
      return;
    }
    if (!event.ctrlKey && !event.metaKey && !event.altKey && event.key.length === 1) event.stopPropagation();
  });

  // The session copy: everything typed, kept for this tab, so Back, a reload or a stray link never loses it.
  let checkedShown = false;
  function persist() {
    session.save({ deal: form.read(), checked: checkedShown });
  }
  /** Replaces what the form holds, with an Undo that puts the previous deal back. */
  function replaceForm(deal, message) {
    const previous = form.read();
    form.fill(deal);
    form.clearProblems();
    summary.hidden = true;
    report.hide();
    checkedShown = false;
    persist();
    saveDraft();
    say(message, {
      label: "Undo",
      run: () => {
        form.fill(previous);
        persist();
        saveDraft();
        say("The form is back as it was.");
      },
    });
  }

  // Draft (opt-in), share link, initial fill
  const sayAlso = (text) => say(notice.textContent ? `${notice.textContent} ${text}` : text);
  // A saved draft is never overwritten by a deal the visitor did not type: while the form holds a share link's deal
  // (or nothing, after a damaged link), the draft stays as it was until they press "Replace the saved draft". The
  // hold survives a reload of the tab (the link's deal then comes back from the session copy).
  const HOLD_KEY = "dealchecker.draft-held.v1";
  let draftHeld = false;
  const replaceDraft = h("button", { type: "button", class: "md-button dc-replace-draft", hidden: true }, "Replace the saved draft with this deal");
  draftBox.append(replaceDraft);
  function setHold(on) {
    draftHeld = on;
    replaceDraft.hidden = !on;
    try {
      if (on) sessionStorage.setItem(HOLD_KEY, "1");
      else sessionStorage.removeItem(HOLD_KEY);
    } catch (_err) {
      /* storage blocked: the hold lasts for this page */
    }
  }
  function heldBefore() {
    try {
      return sessionStorage.getItem(HOLD_KEY) === "1";
    } catch (_err) {
      return false;
    }
  }
  replaceDraft.addEventListener("click", () => {
    setHold(false);
    saveDraft();
    say("The saved draft now holds this deal.");
  });
  function saveDraft() {
    if (!draftToggle.checked || draftHeld) return;
    if (draft.save(form.read())) eraseDraft.hidden = false;
    else say("This browser does not allow saving a draft.");
  }
  function clearDraft() {
    draft.clear();
    eraseDraft.hidden = true;
  }
  draftToggle.addEventListener("change", () => {
    if (draftToggle.checked) {
      saveDraft();
      say("A draft of this deal is now kept in this browser.");
    } else {
      clearDraft();
      say("The draft was erased from this browser.");
    }
  });
  eraseDraft.addEventListener("click", () => {
    clearDraft();
    draftToggle.checked = false;
    say("The draft was erased from this browser.");
  });

  let changeTimer = null;
  function changed() {
    persist();
    saveDraft();
    clearTimeout(changeTimer);
    if (runtime.status === "ready" && formEl.dataset.checked) {
      changeTimer = setTimeout(() => validate(), 400);
    }
  }
  formEl.addEventListener("input", changed);
  formEl.addEventListener("change", changed);

  // What the form starts with: a share link's deal (then checked), else this tab's session copy (checked again if
  // it had been), else the opt-in draft.
  const shared = dealFromHash();
  const kept = session.load();
  const saved = draft.load();
  let checkOnStart = false;

  if (shared) {
    // The link's deal now lives in the session copy; the address loses it, so a reload keeps later edits.
    history.replaceState(history.state, "", location.pathname + location.search);
  }
  if (shared && shared.deal) {
    form.fill(shared.deal);
    persist();
    say("The deal from the share link is filled in below; it is being checked.");
    checkOnStart = true;
  } else if (shared) {
    say(shared.error);
  } else if (kept && kept.deal) {
    form.fill(kept.deal);
    say("Your work from earlier in this tab is filled in below.");
    checkOnStart = Boolean(kept.checked);
  } else if (saved) {
    form.fill(saved);
    persist();
    say("Your saved draft is filled in below.");
  }
  if (saved) {
    draftToggle.checked = true;
    eraseDraft.hidden = false;
    if (shared || (heldBefore() && kept && kept.deal)) {
      setHold(true);
      sayAlso("Your saved draft was not changed; it stays as it was unless you replace it.");
    }
  }
  if (draft.damaged) {
    sayAlso(
      "Your saved draft was damaged and could not be read. It was kept aside in this browser's storage (as " +
        `${draft.key}.damaged), not deleted.`,
    );
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
      const focus = (event) => {
        event.preventDefault();
        target.focus();
      };
      list.append(h("li", {}, h("a", { href: "#" + (target.id || ""), onclick: focus }, `${p.path}: ${p.text}`)));
    }
    for (const p of unplaced) list.append(h("li", {}, p.path ? `${p.path}: ${p.text}` : p.text));
    summary.replaceChildren(h("h2", {}, "The deal cannot be screened yet"), h("p", {}, "Fix these fields:"), list);
    summary.hidden = false;
  }

  formEl.addEventListener("submit", (event) => {
    event.preventDefault();
    check({ focus: true });
  });

  async function check({ focus }) {
    formEl.dataset.checked = "1";
    const deal = form.read();
    if (runtime.status !== "ready" && !checkOnStart) {
      say(runtime.status === "failed" ? "The checker could not start; see the message above." : "Your deal will be checked as soon as the checker has loaded.");
    }
    let response;
    try {
      response = await call({ op: "screen", deal, base_url: siteRoot.href, site_name: root.dataset.siteName || "" });
    } catch (err) {
      if (err instanceof TimedOut && root.isConnected) {
        report.hide();
        say(`${err.message} Your form is kept as you typed it: shorten very long entries and check again.`);
      }
      return; // otherwise the failure message is already shown, or the page was left
    }
    if (!root.isConnected) return;
    if (!response.ok) {
      report.hide();
      if (response.problems) {
        showSummary(form.showProblems(response.problems));
        if (focus) summary.focus();
      } else {
        say("Something went wrong inside the checker. Please download your deal and report the problem.");
      }
      return;
    }
    form.clearProblems();
    summary.hidden = true;
    root.dataset.verdict = response.verdict;
    root.dataset.screenMs = String(response.worker_ms);
    if (!checkOnStart) say("");
    checkOnStart = false;
    report.show(response, deal, { focus });
    checkedShown = true;
    persist();
  }
  if (checkOnStart) check({ focus: false });

  async function saveDeal(format) {
    const deal = form.read();
    if (format === "json" || runtime.status !== "ready") {
      if (format !== "json") say("YAML needs the checker engine, which is not running; saved as JSON instead.");
      download(`${fileStem(deal)}.deal.json`, JSON.stringify(deal, null, 2) + "\n", "application/json");
      return;
    }
    let response;
    try {
      response = await call({ op: "dump", deal, format: "yaml" });
    } catch (_err) {
      response = { ok: false };
    }
    if (response.ok) download(`${fileStem(deal)}.deal.yml`, response.text, "text/yaml");
    else say("The deal could not be saved as YAML; use JSON instead.");
  }

  function share() {
    const link = shareLink(form.read());
    shareOut.value = link;
    shareBox.hidden = false;
    shareOut.select();
    say("Share link made (above, with a button to copy it). The deal travels in the part after #, which browsers never send to the server; anyone with the link can read it.");
  }

  // The copy button: the clipboard where the browser allows it, else the link stays selected for Ctrl+C.
  async function copyLink() {
    shareOut.select();
    try {
      if (!navigator.clipboard || !window.isSecureContext) throw new Error("no clipboard");
      await navigator.clipboard.writeText(shareOut.value);
      say("The share link is copied: paste it into a message.");
    } catch (_err) {
      say("This browser did not allow copying: the link is selected, press Ctrl+C (Cmd+C on a Mac) to copy it.");
    }
  }

  function clearForm() {
    replaceForm({}, "The form was cleared.");
  }

  function bytesToBase64(bytes) {
    let bin = "";
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(bin);
  }

  async function loadFile(file) {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      say(`${file.name} is too large for a deal file (limit ${MAX_FILE_BYTES} bytes).`);
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const text = new TextDecoder("utf-8").decode(bytes);
    let response;
    if (runtime.status === "failed") {
      try {
        response = { ok: true, deal: JSON.parse(text), problems: [] };
      } catch (_err) {
        say(`${file.name}: without the checker engine only JSON deal files can be loaded.`);
        return;
      }
    } else {
      say(runtime.status === "ready" ? "" : "The file will be read as soon as the checker has loaded.");
      try {
        // The file's bytes, not the browser's guess at its text: the engine decodes them as dealcheck does, so a
        // UTF-16 or binary file gets the same message in both.
        response = await call({ op: "load", data_b64: bytesToBase64(bytes), name: file.name });
      } catch (_err) {
        return;
      }
    }
    if (!response.ok) {
      const first = (response.problems || []).map((p) => (p.path ? `${p.path}: ` : "") + p.message + (p.hint ? ` (${p.hint})` : ""));
      say(`${file.name} could not be loaded: ${first.join("; ") || "unknown problem"}. The form was left as it was.`);
      return;
    }
    const problems = response.problems || [];
    replaceForm(response.deal, problems.length ? `${file.name} is loaded, with problems to fix (marked below).` : `${file.name} is loaded.`);
    if (problems.length) showSummary(form.showProblems(problems));
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
