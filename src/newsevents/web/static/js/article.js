// One article: metadata, links to copies, the body with every event's evidence highlighted,
// its events, and the boilerplate extraction dropped (collapsed). Selecting words in the body
// offers to add an event the coder missed in that sentence.
import { h, clear, enc, fmtDate, safeHref } from "./dom.js";
import { get, post, reviewer, setReviewer } from "./api.js";
import { renderBody, selectionOffsets } from "./body.js";
import { eventsTable } from "./table.js";

function meta_rows(a, links) {
  const rows = [["headline", a.headline], ["standfirst", a.standfirst], ["byline", a.byline], ["agency", a.agency],
    ["publisher", a.publisher], ["published", a.published], ["language", a.language], ["fetched", a.fetched],
    ["source", a.source_uri], ["id", a.id]];
  const out = rows.filter(([, v]) => v).map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", {}, v)));
  if (a.url) out.push(h("tr", {}, h("th", {}, "url"), h("td", {}, h("a", { href: safeHref(a.url), rel: "noopener noreferrer", target: "_blank" }, a.url))));
  if (links.duplicate_of) out.push(h("tr", {}, h("th", {}, "copy of"), h("td", {}, h("a", { href: `/article/${enc(links.duplicate_of)}` }, links.duplicate_of), ` (containment ${links.similarity})`)));
  if (links.copies.length) out.push(h("tr", {}, h("th", {}, "copied by"), h("td", {}, links.copies.map((c, i) => [i ? ", " : "", h("a", { href: `/article/${enc(c)}` }, c.slice(0, 12))]))));
  return out;
}

function addEventForm(article, meta, body) {
  const box = h("div", { class: "add-event", id: "add-event" });
  if (!meta.writable) {
    box.append(h("p", { class: "muted" }, "Select words in the body to add an event the coder missed (needs the write token)."));
    return box;
  }
  const chosen = h("p", { class: "muted" }, "Select words in a sentence of the body, then add the event it reports.");
  const type = h("select", { name: "type" }, meta.vocabularies.type.map((t) => h("option", { value: t }, t)));
  const trigger = h("input", { name: "trigger", placeholder: "trigger word" });
  const who = h("input", { name: "reviewer", value: reviewer(), placeholder: "your name" });
  const status = h("p", { class: "status", role: "status" });
  let span = null;
  body.addEventListener("mouseup", () => {
    const sel = selectionOffsets(body);
    if (!sel) return;
    span = sel;
    chosen.textContent = `Selected: “${sel.text.slice(0, 160)}” (the whole sentence becomes the evidence)`;
    if (!trigger.value) trigger.value = sel.text.trim().split(/\s+/).slice(0, 2).join(" ");
  });
  const form = h("form", { class: "review-row" }, type, trigger, who, h("button", { type: "submit", class: "primary" }, "Add event"));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!span) { status.textContent = "Select words in the body first."; return; }
    setReviewer(who.value.trim());
    try {
      const result = await post(`/api/articles/${enc(article.id)}/events`, {
        start: span.start, end: span.end, reviewer: who.value.trim(),
        fields: { type: type.value, trigger: trigger.value.trim() } });
      location.assign(`/event/${enc(result.event_id)}`);
    } catch (err) {
      status.textContent = `Not added: ${err.message}`;
    }
  });
  box.append(h("h3", {}, "Add a missed event"), chosen, form, status);
  return box;
}

export async function articlePage(main, meta, articleId) {
  const d = await get(`/api/articles/${enc(articleId)}`);
  const a = d.article;
  document.title = `${a.headline || "article"} · newsevents`;
  const body = renderBody(d.body, (eventId) => location.assign(`/event/${enc(eventId)}`));
  const page = h("div", { class: "article-page" },
    h("div", { class: "page-head" }, h("h1", { id: "headline" }, a.headline || "(no headline)"),
      h("p", { class: "source-line" }, a.agency || a.publisher || "", " · ", fmtDate(a.published))),
    h("div", { class: "columns" },
      h("div", { class: "col" },
        h("div", { class: "card" }, h("h3", {}, "Article"), h("table", { class: "meta" }, h("tbody", {}, meta_rows(a, d.links)))),
        h("div", { class: "card" }, h("h3", {}, `Events (${d.events.length})`),
          eventsTable({ total: d.events.length, page: 1, pages: 1, events: d.events }, { sort: "date", order: "asc" }, () => {})),
        h("div", { class: "card" }, addEventForm(a, meta, body)),
        h("details", { class: "card dropped", id: "dropped" }, h("summary", {}, `Dropped by extraction (${d.dropped.length})`),
          d.dropped.length ? h("table", {}, h("tbody", {}, d.dropped.map((p) => h("tr", {},
            h("td", { class: "nowrap" }, p.reason, p.detail ? h("div", { class: "muted" }, p.detail) : ""), h("td", {}, p.text))))) :
            h("p", { class: "muted" }, "Nothing was dropped."))),
      h("div", { class: "col" }, h("div", { class: "card" }, h("h3", {}, "Body"), body))));
  clear(main).append(page);
}
