// The review log: every change analysts made, newest first.
import { h, clear } from "./dom.js";
import { get } from "./api.js";
import { auditTable, tokenForm } from "./review.js";

export async function auditPage(main, meta) {
  const page = Number(new URLSearchParams(location.search).get("page") || "1");
  const d = await get("/api/audit", { page, per_page: 50 });
  const pages = Math.max(1, Math.ceil(d.total / d.per_page));
  const nav = h("div", { class: "pager" },
    h("a", { href: `/review?page=${page - 1}`, class: page <= 1 ? "disabled" : "" }, "‹ newer"),
    h("span", {}, `${d.total} changes · page ${page} of ${pages}`),
    h("a", { href: `/review?page=${page + 1}`, class: page >= pages ? "disabled" : "" }, "older ›"));
  clear(main).append(h("div", { class: "audit-page" },
    h("div", { class: "page-head" }, h("h1", {}, "Review log"),
      h("p", { class: "muted" }, "Who changed what, when, the value before and after. Reviewed values replace the coded ones in the list, the map and exports; ",
        h("a", { href: "/?review=unreviewed" }, "events nobody reviewed yet"), ".")),
    meta.writable || meta.read_only ? null : h("div", { class: "card" }, tokenForm()),
    h("div", { class: "card" }, auditTable(d.entries, true), nav)));
}
