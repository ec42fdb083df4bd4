// One event: its fields with the words behind them, scores, attribution, the other sources of
// its cluster, the review panel and audit, and the article with every evidence highlighted.
import { h, clear, enc, fmtDate, safeHref } from "./dom.js";
import { get } from "./api.js";
import { renderBody, FIELD_LABELS } from "./body.js";
import { typeChip, reviewBadge, actorLinks } from "./table.js";
import { reviewPanel, auditTable, valueText } from "./review.js";

function place(loc) {
  if (!loc) return "—";
  const name = loc.name || loc.text;
  return [h("a", { href: `/place/${enc(name)}` }, name),
    loc.admin1 && loc.admin1 !== name ? `, ${loc.admin1}` : "",
    loc.country ? [", ", h("a", { href: `/country/${enc(loc.country)}` }, loc.country)] : "",
    h("span", { class: "muted" }, ` (${loc.precision}${loc.lat != null ? `, ${loc.lat}, ${loc.lon}` : ""})`)];
}

function dateText(d) {
  if (!d || !d.start) return "—";
  const span = d.end && d.end !== d.start ? `${d.start} … ${d.end}` : d.start;
  return `${span} (${d.precision})${d.text ? ` “${d.text}”` : ""}`;
}

function words(fields, name) {
  const found = fields.filter((f) => f.field.split("[")[0] === name);
  if (!found.length) return "";
  return found.map((f) => f.start === null
    ? h("span", { class: "muted", title: "not in the evidence sentence" }, `“${f.words}” (elsewhere)`)
    : h("mark", { class: `f f-${name}` }, f.words));
}

function rows(e, fields, original) {
  const att = e.attribution || {};
  const changed = (key) => original && JSON.stringify(original[key] ?? null) !== JSON.stringify(e[key] ?? null)
    ? h("div", { class: "was" }, "coder: ", valueText(original[key])) : null;
  const r = (label, value, key, w) => h("tr", { class: key ? `field-${key}` : "" },
    h("th", {}, label), h("td", {}, value, key ? changed(key) : null), h("td", { class: "words" }, w || ""));
  return [
    r("type", typeChip(e.type, e.mode), "type", words(fields, "trigger")),
    r("contexts", (e.contexts || []).join(", ") || "—", "contexts"),
    r("ACLED", e.acled ? `${e.acled.event_type} / ${e.acled.sub_event_type}` : "outside ACLED's scope", "acled"),
    r("actor", actorLinks(e.actor), "actor", words(fields, "actor")),
    r("recipient", actorLinks(e.recipient), "recipient", words(fields, "recipient")),
    r("location", place(e.location), "location", words(fields, "location")),
    r("date", dateText(e.date), "date", words(fields, "date")),
    r("counts", (e.quantities || []).map((q) => `${q.qualifier ? q.qualifier + " " : ""}${q.count}${q.count_high ? "–" + q.count_high : ""} ${q.item}${q.status ? " " + q.status : ""}`).join("; ") || "—",
      "quantities", words(fields, "quantities")),
    r("fatalities", e.fatalities ? `killed ${e.fatalities.killed ?? "?"}, injured ${e.fatalities.injured ?? "?"}` : "unknown", "fatalities"),
    r("stance", [h("span", { class: `stance stance-${att.stance}` }, att.stance), att.source ? ` by ${att.source}` : ""], "attribution", words(fields, "attribution")),
    r("modality", e.modality, "modality"),
    r("confidence", Number(e.confidence).toFixed(2), null),
    r("salience", Number(e.salience || 0).toFixed(2), null),
    r("rule", (e.evidence || {}).rule || "", null),
  ];
}

function clusterBox(cluster, eventId) {
  if (!cluster) return null;
  const others = cluster.sources.filter((s) => s.event_id !== eventId);
  return h("div", { class: "card" }, h("h3", {}, "Same happening in other sources"),
    h("p", {}, cluster.description || ""),
    others.length ? h("table", { class: "sources" }, h("tbody", {}, others.map((s) => h("tr", {},
      h("td", {}, s.outlet || "?"),
      h("td", {}, h("span", { class: `stance stance-${s.stance}` }, s.stance), s.source ? ` (${s.source})` : ""),
      h("td", {}, h("a", { href: `/event/${enc(s.event_id)}` }, s.headline || "event"), s.duplicate ? h("span", { class: "muted" }, " copy") : ""))))) :
      h("p", { class: "muted" }, "No other source in this cluster."),
    cluster.sources.some((s) => s.stance === "denied" || s.stance === "disputed")
      ? h("p", { class: "dispute" }, "Disputed: at least one source denies or disputes it.") : null);
}

export async function eventPage(main, meta, eventId) {
  const d = await get(`/api/events/${enc(eventId)}`);
  const e = d.event;
  document.title = `${e.type} · ${fmtDate(e.date.start)} · newsevents`;
  const auditBox = h("div", { id: "audit" }, auditTable(d.audit));
  const legend = h("div", { class: "legend" }, Object.entries(FIELD_LABELS).map(([k, label]) => h("mark", { class: `f f-${k}` }, label)),
    h("mark", { class: "cur" }, "this event"), h("mark", { class: "ev" }, "other events"));
  const page = h("div", { class: "event-page" },
    h("div", { class: "page-head" },
      h("h1", {}, typeChip(e.type, e.mode), " ", fmtDate(e.date.start) || "undated", " ",
        e.location ? (e.location.name || e.location.text) : ""), d.review_status ? reviewBadge(d.review_status) : h("span", { class: "badge" }, "not reviewed"),
      h("p", { class: "source-line" }, "From ", h("a", { href: `/article/${enc(d.article.id)}`, id: "article-link" }, d.article.headline || "(no headline)"),
        " · ", d.article.outlet || "", " · ", fmtDate(d.article.published),
        d.article.url ? [" · ", h("a", { href: safeHref(d.article.url), rel: "noopener noreferrer", target: "_blank" }, "original")] : "")),
    h("div", { class: "columns" },
      h("div", { class: "col" },
        h("div", { class: "card" }, h("h3", {}, "Fields"),
          h("table", { class: "fields", id: "fields" }, h("thead", {}, h("tr", {}, h("th", {}, "field"), h("th", {}, "value"), h("th", {}, "words"))),
            h("tbody", {}, rows(e, d.fields, d.review && d.review.original)))),
        clusterBox(d.cluster, e.event_id),
        h("div", { class: "card" }, h("h3", {}, "Review"), reviewPanel(d, meta, () => eventPage(main, meta, eventId)),
          h("h4", {}, "Audit"), auditBox)),
      h("div", { class: "col" },
        h("div", { class: "card" }, h("h3", {}, "Evidence in the article"), legend,
          renderBody(d.body, (other) => location.assign(`/event/${enc(other)}`))))));
  clear(main).append(page);
  const current = main.querySelector("mark.cur");
  if (current) current.scrollIntoView({ block: "center" });
}
