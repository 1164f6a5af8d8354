// The result of a screening on the page: the engine's own HTML report (escaped by the engine; the one innerHTML of
// the checker), the downloads made by the engine from the deal that was screened, and the print view.

import { download, fileStem, h } from "./dom.js";
import { call } from "./runtime.js";

// format -> [file name ending, type, button label]
const FORMATS = {
  html: [".report.html", "text/html", "Download report (HTML)"],
  markdown: [".report.md", "text/markdown", "Download report (Markdown)"],
  json: [".report.json", "application/json", "Download report (JSON)"],
  // The questions to send to the buyer and the intermediaries, and a draft end-user statement (checker/questionnaire.py).
  questionnaire: [".questionnaire.md", "text/markdown", "Download the end-user questionnaire (Markdown)"],
};

export class ReportView {
  constructor({ siteRoot, say, siteName = "" }) {
    this.siteRoot = siteRoot;
    this.siteName = siteName; // the host's name, written into every report
    this.say = say; // (text) -> shows a notice to the visitor
    this.result = null; // the engine's response for the deal shown
    this.deal = null;
    this.heading = h("h2", { id: "dc-result-title", tabindex: "-1" }, "Result");
    this.host = h("div", { class: "dc-report-host" });
    // Said to screen readers when a result arrives: the verdict and the codes that decided it.
    this.announcer = h("p", { class: "dc-sr-only", role: "status", "aria-live": "assertive" });
    const buttons = Object.entries(FORMATS).map(([format, [, , label]]) =>
      h("button", { type: "button", class: "md-button", onclick: () => this.save(format) }, label),
    );
    buttons.push(h("button", { type: "button", class: "md-button", onclick: () => this.print() }, "Print the report"));
    this.el = h(
      "section",
      { class: "dc-result", "aria-labelledby": "dc-result-title", hidden: true },
      this.heading,
      this.announcer,
      h("div", { class: "dc-buttons" }, buttons),
      this.host,
    );
  }

  show(response, deal, { focus = true } = {}) {
    this.result = response;
    this.deal = deal;
    this.host.innerHTML = response.fragment; // the engine's escaped HTML report
    for (const a of this.host.querySelectorAll("a[href]:not([href^='#'])")) {
      // Reading the guidance from the report never replaces the page holding the deal and its result.
      a.target = "_blank";
      a.rel = "noopener";
    }
    this.el.hidden = false;
    // Decision first: the verdict box (verdict, deciding findings, next steps) is brought into view and focused,
    // and announced, so nobody has to scroll past the form's last step to find it.
    const box = this.host.querySelector(".dc-verdict");
    if (box) {
      box.tabIndex = -1;
      if (focus) {
        box.focus({ preventScroll: true });
        box.scrollIntoView({ block: "start" });
      }
      const line = box.querySelector(".dc-verdict-line");
      const codes = Array.from(box.querySelectorAll(".dc-deciding li")).map((li) => li.dataset.code);
      const text = `${line ? line.textContent : ""}${codes.length ? ` Decided by ${codes.join(", ")}.` : ""}`;
      this.announcer.textContent = "";
      setTimeout(() => {
        this.announcer.textContent = text;
      }, 50);
    } else if (focus) this.heading.focus();
  }

  hide() {
    this.el.hidden = true;
  }

  async save(format) {
    if (!this.result) return;
    // The engine renders the downloads from the deal that was screened, as of the same date.
    let response;
    try {
      response = await call({
        op: "report",
        deal: this.deal,
        format,
        on: this.result.screened_on,
        base_url: this.siteRoot.href,
        site_name: this.siteName,
      });
    } catch (_err) {
      response = { ok: false };
    }
    if (!response.ok) {
      this.say("The report could not be made; check the deal again.");
      return;
    }
    const [ext, type] = FORMATS[format];
    download(`${fileStem(this.deal)}${ext}`, response.text, type);
  }

  print() {
    document.body.classList.add("dc-print-report");
    const done = () => {
      document.body.classList.remove("dc-print-report");
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
  }
}
