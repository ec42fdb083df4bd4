// Review: accept, reject or correct an event; the audit table. Writes need the token.
import { h, fmtDate, enc } from "./dom.js";
import { post, reviewer, setReviewer, setToken } from "./api.js";

export function tokenForm() {
  const input = h("input", { type: "password", name: "token", placeholder: "write token", autocomplete: "off" });
  return h("form", { class: "token-form", onsubmit: (ev) => { ev.preventDefault(); setToken(input.value.trim()); location.reload(); } },
    h("p", { class: "muted" }, "Read-only. To review, open the address newsevents serve printed (it ends in #token=…) or paste the token:"),
    input, h("button", { type: "submit" }, "Use token"));
}

function reviewerInput() {
  const input = h("input", { type: "text", name: "reviewer", value: reviewer(), placeholder: "your name", maxlength: 64, required: true });
  input.addEventListener("change", () => setReviewer(input.value.trim()));
  return input;
}

export function reviewPanel(detail, meta, onDone) {
  const box = h("div", { class: "review-panel", id: "review-panel" });
  if (meta.read_only) {
    box.append(h("p", { class: "muted" }, "This server is read-only (--read-only)."));
    return box;
  }
  if (!meta.writable) {
    box.append(tokenForm());
    return box;
  }
  const who = reviewerInput();
  const status = h("p", { class: "status", role: "status" });
  const note = h("input", { type: "text", name: "note", placeholder: "note (optional)", maxlength: 500 });
  async function send(action, changes) {
    const name = who.value.trim();
    if (!name) { status.textContent = "Give your name first."; who.focus(); return; }
    setReviewer(name);
    status.textContent = "Saving…";
    try {
      const body = { action, reviewer: name };
      if (changes) body.changes = changes;
      if (note.value.trim()) body.note = note.value.trim();
      const result = await post(`/api/events/${enc(detail.event.event_id)}/review`, body);
      status.textContent = `Saved: ${result.status}.`;
      onDone(result);
    } catch (err) {
      status.textContent = `Not saved: ${err.message}`;
      status.classList.add("error");
    }
  }
  const form = correctionForm(detail.event, meta.vocabularies, (changes) => send("correct", changes));
  form.hidden = true;
  box.append(
    h("div", { class: "review-row" }, h("label", {}, "Reviewer ", who), note),
    h("div", { class: "review-row" },
      h("button", { type: "button", class: "accept", id: "btn-accept", onclick: () => send("accept") }, "Accept"),
      h("button", { type: "button", class: "correct", id: "btn-correct", onclick: () => { form.hidden = !form.hidden; } }, "Correct…"),
      h("button", { type: "button", class: "reject", id: "btn-reject", onclick: () => send("reject") }, "Reject")),
    form, status);
  return box;
}

// --- correction form: one input per editable field; only the fields that changed are sent.

function actorLines(actors) {
  return (actors || []).map((a) => [a.text, a.name, a.country, a.sector, a.kind].map((v) => v ?? "").join(" | ")).join("\n");
}

function parseActors(text) {
  return text.split("\n").map((l) => l.trim()).filter(Boolean).map((line) => {
    const [t, name, country, sector, kind] = line.split("|").map((v) => v.trim());
    return { text: t, name: name || null, country: country ? country.toUpperCase() : null,
      sector: sector ? sector.toUpperCase() : null, kind: kind || null };
  });
}

function quantityLines(qs) {
  return (qs || []).map((q) => [q.count, q.item, q.status, q.qualifier, q.count_high].map((v) => v ?? "").join(" | ")).join("\n");
}

function parseQuantities(text) {
  return text.split("\n").map((l) => l.trim()).filter(Boolean).map((line) => {
    const [count, item, st, qualifier, high] = line.split("|").map((v) => v.trim());
    return { count: Number(count), item: item || "", status: st || null, qualifier: qualifier || null,
      count_high: high ? Number(high) : null, text: "" };
  });
}

function select(name, options, value) {
  return h("select", { name }, h("option", { value: "" }, "—"),
    options.map((o) => h("option", { value: o, selected: o === value }, o)));
}

function field(label, input) {
  return h("label", { class: "field" }, h("span", {}, label), input);
}

const num = (v) => (v === "" || v === null || v === undefined ? null : Number(v));
const str = (v) => (v === "" || v === undefined ? null : v);

function same(a, b) {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function correctionForm(event, vocab, onSubmit) {
  const loc = event.location || {};
  const date = event.date || {};
  const att = event.attribution || {};
  const acled = event.acled || {};
  const fat = event.fatalities || {};
  const f = h("form", { class: "correction", id: "correction-form" },
    h("fieldset", {}, h("legend", {}, "What"),
      field("type", select("type", vocab.type, event.type)),
      field("mode", h("input", { name: "mode", value: event.mode || "" })),
      field("contexts", h("input", { name: "contexts", value: (event.contexts || []).join(", ") })),
      field("modality", select("modality", vocab.modality, event.modality)),
      field("ACLED type", h("input", { name: "acled_type", value: acled.event_type || "" })),
      field("ACLED sub-type", h("input", { name: "acled_sub_type", value: acled.sub_event_type || "" }))),
    h("fieldset", {}, h("legend", {}, "Who (one per line: text | name | ISO3 | sector | kind)"),
      field("actors", h("textarea", { name: "actor", rows: 2 }, actorLines(event.actor))),
      field("recipients", h("textarea", { name: "recipient", rows: 2 }, actorLines(event.recipient)))),
    h("fieldset", {}, h("legend", {}, "Where"),
      field("as written", h("input", { name: "loc_text", value: loc.text || "" })),
      field("name", h("input", { name: "loc_name", value: loc.name || "" })),
      field("country", h("input", { name: "loc_country", value: loc.country || "", maxlength: 3 })),
      field("admin1", h("input", { name: "loc_admin1", value: loc.admin1 || "" })),
      field("lat", h("input", { name: "loc_lat", type: "number", step: "any", value: loc.lat ?? "" })),
      field("lon", h("input", { name: "loc_lon", type: "number", step: "any", value: loc.lon ?? "" })),
      field("precision", select("loc_precision", vocab.place_precision, loc.precision))),
    h("fieldset", {}, h("legend", {}, "When"),
      field("start", h("input", { name: "date_start", type: "date", value: (date.start || "").slice(0, 10) })),
      field("end", h("input", { name: "date_end", type: "date", value: (date.end || "").slice(0, 10) })),
      field("precision", select("date_precision", vocab.date_precision, date.precision))),
    h("fieldset", {}, h("legend", {}, "Toll, counts, source"),
      field("killed", h("input", { name: "killed", type: "number", min: 0, value: fat.killed ?? "" })),
      field("injured", h("input", { name: "injured", type: "number", min: 0, value: fat.injured ?? "" })),
      field("counts (count | item | status | qualifier | high)", h("textarea", { name: "quantities", rows: 2 }, quantityLines(event.quantities))),
      field("stance", select("stance", vocab.stance, att.stance)),
      field("source", h("input", { name: "source", value: att.source || "" }))),
    h("div", { class: "buttons" }, h("button", { type: "submit", class: "primary" }, "Save correction")));
  f.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const v = (name) => f.elements.namedItem(name).value.trim();
    const proposed = {
      type: v("type") || event.type,
      mode: str(v("mode")),
      contexts: v("contexts") ? v("contexts").split(",").map((c) => c.trim()).filter(Boolean) : [],
      modality: v("modality") || event.modality,
      acled: v("acled_type") || v("acled_sub_type") ? { event_type: v("acled_type"), sub_event_type: v("acled_sub_type") } : null,
      actor: parseActors(v("actor")),
      recipient: parseActors(v("recipient")),
      location: v("loc_text") || v("loc_name") ? { ...loc, text: v("loc_text") || v("loc_name"), name: str(v("loc_name")),
        country: v("loc_country") ? v("loc_country").toUpperCase() : null, admin1: str(v("loc_admin1")),
        lat: num(v("loc_lat")), lon: num(v("loc_lon")), precision: v("loc_precision") || "unknown" } : null,
      date: { ...date, start: str(v("date_start")), end: str(v("date_end")), precision: v("date_precision") || "unknown" },
      fatalities: v("killed") !== "" || v("injured") !== "" ? { killed: num(v("killed")), injured: num(v("injured")) } : null,
      quantities: parseQuantities(v("quantities")),
      attribution: { ...att, stance: v("stance") || att.stance || "reported", source: str(v("source")) },
    };
    // Compare against the record as the form showed it, so untouched fields are not sent.
    const shown = {
      actor: parseActors(actorLines(event.actor)), recipient: parseActors(actorLines(event.recipient)),
      quantities: parseQuantities(quantityLines(event.quantities)),
    };
    const changes = {};
    for (const [key, value] of Object.entries(proposed)) {
      const before = key in shown ? shown[key] : event[key];
      if (!same(value, before ?? (Array.isArray(value) ? [] : null))) changes[key] = value;
    }
    if (changes.quantities) {
      // the form does not show the words of each count; keep them by position
      changes.quantities = changes.quantities.map((q, i) => ({ ...q, text: event.quantities?.[i]?.text || "" }));
    }
    onSubmit(changes);
  });
  return f;
}

export function valueText(value) {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

export function auditTable(entries, withEvent = false) {
  if (!entries.length) return h("p", { class: "muted", id: "audit-empty" }, "No review yet.");
  return h("table", { class: "audit", id: "audit-table" },
    h("thead", {}, h("tr", {}, h("th", {}, "when"), h("th", {}, "who"), h("th", {}, "action"), h("th", {}, "field"),
      h("th", {}, "before"), h("th", {}, "after"), h("th", {}, "note"), withEvent ? h("th", {}, "event") : null)),
    h("tbody", {}, entries.map((a) => h("tr", { class: "audit-row" },
      h("td", { class: "nowrap" }, fmtDate(a.at), " ", (a.at || "").slice(11, 19)),
      h("td", {}, a.reviewer), h("td", {}, a.action), h("td", {}, a.field || ""),
      h("td", { class: "val" }, valueText(a.before)), h("td", { class: "val" }, valueText(a.after)),
      h("td", {}, a.note || ""),
      withEvent ? h("td", {}, h("a", { href: `/event/${enc(a.event_id)}` }, a.event ? a.event.type : a.event_id),
        a.event ? h("div", { class: "muted small" }, (a.event.sentence || "").slice(0, 120)) : null) : null))));
}
