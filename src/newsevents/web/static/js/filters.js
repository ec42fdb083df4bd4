// The filter form, built from the API's own description (/openapi.json), so every filter of
// the API is in the form and the form offers nothing the API does not take.
import { h } from "./dom.js";

const PAGING = new Set(["sort", "order", "page", "per_page"]);
let specPromise = null;

export async function filterParams() {
  specPromise ||= fetch("/openapi.json").then((r) => r.json());
  const spec = await specPromise;
  return spec.paths["/api/events"].get.parameters.filter((p) => !PAGING.has(p.name));
}

function label(name) {
  return name.replace(/_/g, " ");
}

function input(param, value) {
  const schema = param.schema;
  const common = { name: param.name, id: `f-${param.name}`, title: param.description };
  if (schema.enum) {
    return h("select", common, h("option", { value: "" }, "any"),
      schema.enum.map((v) => h("option", { value: v, selected: v === value }, v)));
  }
  if (schema.type === "boolean") {
    return h("input", { ...common, type: "checkbox", value: "1", checked: value === "1" || value === "true" });
  }
  if (schema.format === "date") return h("input", { ...common, type: "date", value: value || "" });
  if (schema.type === "number") {
    return h("input", { ...common, type: "number", min: 0, max: 1, step: 0.05, value: value || "" });
  }
  return h("input", { ...common, type: param.name === "search" ? "search" : "text", value: value || "",
    placeholder: param.name === "search" ? "words in evidence or article" : "" });
}

// The form; onApply gets the filter values that are set (a plain object).
export async function filterForm(current, onApply) {
  const params = await filterParams();
  const form = h("form", { class: "filters", autocomplete: "off" });
  const order = ["search", "type", "since", "until", "country", "involving", "actor", "place"];
  params.sort((a, b) => rank(a.name) - rank(b.name));
  function rank(name) {
    const i = order.indexOf(name);
    return i < 0 ? 100 : i;
  }
  for (const p of params) {
    const field = input(p, current.get(p.name));
    const row = p.schema.type === "boolean"
      ? h("label", { class: "check" }, field, " ", label(p.name))
      : h("label", {}, h("span", {}, label(p.name)), field);
    form.append(row);
  }
  form.append(h("div", { class: "buttons" },
    h("button", { type: "submit", class: "primary" }, "Apply"),
    h("button", { type: "button", onclick: () => { form.reset(); clearForm(form); onApply({}); } }, "Clear")));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const values = {};
    for (const el of form.elements) {
      if (!el.name) continue;
      if (el.type === "checkbox") { if (el.checked) values[el.name] = "1"; }
      else if (el.value.trim() !== "") values[el.name] = el.value.trim();
    }
    onApply(values);
  });
  return form;
}

function clearForm(form) {
  for (const el of form.elements) {
    if (el.type === "checkbox") el.checked = false;
    else if (el.name) el.value = "";
  }
}

export function setField(form, name, value) {
  const el = form.elements.namedItem(name);
  if (el) el.value = value || "";
}
