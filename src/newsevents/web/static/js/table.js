// The events table: sortable headers, one row per event, a pager under it.
import { h, fmtDate, enc } from "./dom.js";
import { colorOf } from "./colors.js";

const COLUMNS = [
  ["date", "date"], ["type", "type"], [null, "actor → recipient"], ["location", "location"],
  ["country", "country"], [null, "ACLED"], [null, "stance"], ["confidence", "conf."],
  ["outlet", "source"], ["review", "review"],
];

export function typeChip(type, mode) {
  const chip = h("span", { class: "chip" }, type);
  chip.style.background = colorOf(type);
  return mode ? [chip, h("span", { class: "mode" }, mode)] : chip;
}

export function reviewBadge(status) {
  return status ? h("span", { class: `badge review-${status}` }, status) : h("span", { class: "badge none" }, "—");
}

export function actorLinks(actors) {
  if (!actors || !actors.length) return h("span", { class: "muted" }, "—");
  const out = [];
  actors.forEach((a, i) => {
    if (i) out.push("; ");
    const name = a.name || a.text;
    out.push(a.name ? h("a", { href: `/actor/${enc(a.name)}` }, name) : name);
    if (a.country) out.push(h("span", { class: "muted" }, ` ${a.country}${a.sector ? " " + a.sector : ""}`));
  });
  return out;
}

export function eventsTable(page, state, onChange) {
  const sort = state.sort || "date";
  const order = state.order || "desc";
  const head = h("tr", {}, COLUMNS.map(([key, title]) => {
    if (!key) return h("th", {}, title);
    const active = key === sort;
    const next = active && order === "desc" ? "asc" : "desc";
    return h("th", { class: active ? `sorted ${order}` : "" },
      h("button", { type: "button", class: "sort", "aria-sort": active ? (order === "desc" ? "descending" : "ascending") : null,
        onclick: () => onChange({ sort: key, order: next, page: "1" }) }, title, active ? (order === "desc" ? " ▼" : " ▲") : ""));
  }));
  const rows = page.events.map((e) => h("tr", { class: `event-row ${e.review === "rejected" ? "rejected" : ""}`, dataset: { eventId: e.event_id } },
    h("td", { class: "nowrap" }, h("a", { href: `/event/${enc(e.event_id)}`, class: "open" }, fmtDate(e.date_start) || "no date")),
    h("td", {}, typeChip(e.type, e.mode)),
    h("td", {}, actorLinks(e.actor), h("span", { class: "arrow" }, " → "), actorLinks(e.recipient)),
    h("td", {}, e.location ? h("a", { href: `/place/${enc(e.location)}` }, e.location) : ""),
    h("td", {}, e.location_country ? h("a", { href: `/country/${enc(e.location_country)}` }, e.location_country) : ""),
    h("td", {}, e.acled_sub_event_type || ""),
    h("td", {}, e.stance, e.source ? h("span", { class: "muted" }, ` (${e.source})`) : ""),
    h("td", { class: "num" }, e.confidence != null ? Number(e.confidence).toFixed(2) : ""),
    h("td", {}, h("a", { href: `/article/${enc(e.article_id)}`, title: e.headline || "" }, e.outlet || "article")),
    h("td", {}, reviewBadge(e.review)),
  ));
  const table = h("table", { class: "events" }, h("thead", {}, head), h("tbody", {}, rows));
  const pager = h("div", { class: "pager" },
    h("button", { type: "button", disabled: page.page <= 1, onclick: () => onChange({ page: String(page.page - 1) }) }, "‹ previous"),
    h("span", { class: "count" }, `${page.total.toLocaleString()} events · page ${page.page} of ${page.pages}`),
    h("button", { type: "button", disabled: page.page >= page.pages, onclick: () => onChange({ page: String(page.page + 1) }) }, "next ›"));
  return h("div", {}, h("div", { class: "table-wrap" }, table), page.events.length ? null : h("p", { class: "muted" }, "No event matches these filters."), pager);
}
