// The desk: filters, timeline, map and list of one filtered set of events. The filters, sort
// and page live in the address, so a view can be bookmarked or sent to a colleague.
import { h, clear, message } from "./dom.js";
import { get } from "./api.js";
import { filterForm } from "./filters.js";
import { drawTimeline } from "./timeline.js";
import { EventMap } from "./map.js";
import { eventsTable } from "./table.js";

const VIEW = new Set(["sort", "order", "page"]);

function state() {
  return new URLSearchParams(location.search);
}

function filtersOf(params) {
  const out = {};
  for (const [k, v] of params) if (!VIEW.has(k) && v !== "") out[k] = v;
  return out;
}

export async function deskPage(main, meta, fixed = {}) {
  // ``fixed`` filters belong to the page (an actor's page always filters on the actor).
  const timelineBox = h("div", { class: "timeline", id: "timeline" });
  const mapBox = h("div", { class: "map", id: "map" });
  const mapStatus = h("div", { class: "map-status muted" });
  const listBox = h("div", { class: "list", id: "list" });
  const count = h("span", { class: "total" });
  const form = await filterForm(state(), (values) => navigate({ ...values }, true));
  const layout = h("div", { class: "desk" },
    h("aside", { class: "side" }, h("h2", {}, "Filters"), form),
    h("section", { class: "work" },
      h("div", { class: "card" }, h("div", { class: "card-head" }, h("h2", {}, "Timeline"),
        h("span", { class: "muted" }, "drag across the bars to pick dates"), h("button", { type: "button", class: "link", onclick: () => clearDates() }, "all dates")), timelineBox),
      h("div", { class: "card" }, h("div", { class: "card-head" }, h("h2", {}, "Map"), mapStatus), mapBox),
      h("div", { class: "card" }, h("div", { class: "card-head" }, h("h2", {}, "Events"), count), listBox)));
  clear(main).append(layout);
  const map = new EventMap(mapBox, meta, (text) => { mapStatus.textContent = text; });

  function navigate(changes, resetFilters = false) {
    const params = resetFilters ? new URLSearchParams() : state();
    if (resetFilters) {
      for (const k of VIEW) if (state().get(k) && k !== "page") params.set(k, state().get(k));
    }
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === "") params.delete(k);
      else params.set(k, v);
    }
    if (!("page" in changes)) params.delete("page");
    history.pushState(null, "", `${location.pathname}${params.toString() ? "?" + params : ""}`);
    refresh(resetFilters || !Object.keys(changes).every((k) => VIEW.has(k)));
  }

  function clearDates() {
    navigate({ since: null, until: null });
    for (const name of ["since", "until"]) form.elements.namedItem(name).value = "";
  }

  async function refresh(all = true) {
    const params = state();
    const filters = { ...filtersOf(params), ...fixed };
    const list = get("/api/events", { ...filters, ...Object.fromEntries([...params].filter(([k]) => VIEW.has(k))) });
    if (all) {
      map.setFilters(filters);
      get("/api/timeline", filters).then((data) => drawTimeline(timelineBox, data,
        { since: params.get("since"), until: params.get("until") },
        (since, until) => {
          form.elements.namedItem("since").value = since;
          form.elements.namedItem("until").value = until;
          navigate({ since, until });
        })).catch((err) => { clear(timelineBox).append(message(err.message, "error")); });
    }
    try {
      const page = await list;
      count.textContent = `${page.total.toLocaleString()} matching`;
      clear(listBox).append(eventsTable(page, Object.fromEntries(params), (changes) => navigate(changes)));
    } catch (err) {
      clear(listBox).append(message(err.message, "error"));
      count.textContent = "";
    }
  }

  window.addEventListener("popstate", () => location.reload());
  refresh(true);
}
