// Actor, country and place pages: who or what it is, then its events over time (the desk,
// fixed on that actor, country or place).
import { h, clear, enc } from "./dom.js";
import { get } from "./api.js";
import { deskPage } from "./desk.js";
import { typeChip } from "./table.js";

const API = { actor: "actors", country: "countries", place: "places" };
const FILTER = { actor: "actor", country: "involving", place: "place" };

export async function entityPage(main, meta, kind, key) {
  const d = await get(`/api/${API[kind]}/${enc(key)}`);
  const s = d.summary;
  document.title = `${d.name || key} · newsevents`;
  const facts = [];
  if (d.profile) {
    facts.push(h("p", {}, "Countries: ", d.profile.countries.map((c, i) => [i ? ", " : "", h("a", { href: `/country/${enc(c)}` }, c)]),
      " · sectors: ", d.profile.sectors.join(", ") || "—", " · roles: ", d.profile.roles.join(", ")),
    h("p", { class: "muted" }, "Written as: ", d.profile.written_as.join("; ")));
  }
  if (d.roles) {
    facts.push(h("p", {}, `Where events happen: ${d.roles.location} · acting: ${d.roles.actor} · acted on: ${d.roles.recipient}`));
  }
  const head = h("div", { class: "page-head entity-head" },
    h("h1", {}, h("span", { class: "kind" }, kind), " ", d.name ? `${d.name} (${key})` : key),
    h("p", {}, `${s.events.toLocaleString()} events, ${s.first || "?"} to ${s.last || "?"}`),
    h("p", { class: "by-type" }, s.by_type.map(([t, n]) => h("span", { class: "by-type-item" }, typeChip(t), ` ${n}`))),
    facts);
  const desk = h("div", {});
  clear(main).append(head, desk);
  await deskPage(desk, meta, { [FILTER[kind]]: key });
}
