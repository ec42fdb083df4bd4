// Events per day (or month) by type as stacked bars; dragging across the bars picks a date
// range (onBrush(since, until)), which filters the list and the map.
import { h, svg, clear } from "./dom.js";
import { colorOf } from "./colors.js";

const HEIGHT = 120;
const PAD = { left: 34, right: 8, top: 8, bottom: 20 };
const DAY = 86400000;

function parse(key, bucket) {
  return new Date(bucket === "month" ? `${key}-01T00:00:00Z` : `${key}T00:00:00Z`);
}

function iso(date) {
  return date.toISOString().slice(0, 10);
}

function nextBucket(date, bucket) {
  if (bucket === "month") return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
  return new Date(date.getTime() + DAY);
}

export function drawTimeline(container, data, selected, onBrush) {
  clear(container);
  if (!data.series.length) {
    container.append(h("p", { class: "muted" }, "No dated events."));
    return;
  }
  const width = Math.max(320, container.clientWidth || 800);
  const bucket = data.bucket;
  const byDate = new Map();
  for (const s of data.series) {
    if (!byDate.has(s.date)) byDate.set(s.date, []);
    byDate.get(s.date).push(s);
  }
  const keys = [...byDate.keys()].sort();
  const first = parse(keys[0], bucket);
  const end = nextBucket(parse(keys[keys.length - 1], bucket), bucket);
  const span = end - first;
  const x = (d) => PAD.left + ((d - first) / span) * (width - PAD.left - PAD.right);
  const max = Math.max(...keys.map((k) => byDate.get(k).reduce((n, s) => n + s.count, 0)));
  const y = (n) => (n / max) * (HEIGHT - PAD.top - PAD.bottom);
  const root = svg("svg", { width, height: HEIGHT, class: "timeline-svg", role: "img",
    "aria-label": `events per ${bucket} by type` });
  const base = HEIGHT - PAD.bottom;
  root.append(svg("line", { x1: PAD.left, x2: width - PAD.right, y1: base, y2: base, class: "axis" }));
  const maxLabel = svg("text", { x: PAD.left - 4, y: PAD.top + 8, class: "tick", "text-anchor": "end" });
  maxLabel.textContent = String(max);
  root.append(maxLabel);
  for (const key of keys) {
    const start = parse(key, bucket);
    const x0 = x(start);
    const w = Math.max(1, x(nextBucket(start, bucket)) - x0 - 1);
    let stacked = 0;
    for (const s of byDate.get(key)) {
      const hgt = y(s.count);
      const bar = svg("rect", { x: x0, y: base - stacked - hgt, width: w, height: hgt, fill: colorOf(s.type), class: "bar" });
      const title = svg("title", {});
      title.textContent = `${key}: ${s.count} ${s.type}`;
      bar.append(title);
      root.append(bar);
      stacked += hgt;
    }
  }
  for (const tick of ticks(first, end, bucket)) {
    const t = svg("text", { x: x(tick), y: HEIGHT - 5, class: "tick", "text-anchor": "middle" });
    t.textContent = bucket === "month" ? iso(tick).slice(0, 7) : iso(tick).slice(5);
    root.append(t);
  }
  if (selected.since || selected.until) {
    const a = selected.since ? x(new Date(`${selected.since}T00:00:00Z`)) : PAD.left;
    const b = selected.until ? x(new Date(new Date(`${selected.until}T00:00:00Z`).getTime() + DAY)) : width - PAD.right;
    root.append(svg("rect", { x: Math.max(PAD.left, a), y: PAD.top, width: Math.max(2, Math.min(width - PAD.right, b) - Math.max(PAD.left, a)),
      height: base - PAD.top, class: "selection" }));
  }
  const brush = svg("rect", { x: 0, y: PAD.top, width: 0, height: base - PAD.top, class: "brush" });
  root.append(brush);
  let from = null;
  const pos = (ev) => {
    const box = root.getBoundingClientRect();
    return Math.min(width - PAD.right, Math.max(PAD.left, ev.clientX - box.left));
  };
  root.addEventListener("pointerdown", (ev) => {
    from = pos(ev);
    root.setPointerCapture(ev.pointerId);
    brush.setAttribute("x", from);
    brush.setAttribute("width", 0);
  });
  root.addEventListener("pointermove", (ev) => {
    if (from === null) return;
    const to = pos(ev);
    brush.setAttribute("x", Math.min(from, to));
    brush.setAttribute("width", Math.abs(to - from));
  });
  root.addEventListener("pointerup", (ev) => {
    if (from === null) return;
    const to = pos(ev);
    const [a, b] = [Math.min(from, to), Math.max(from, to)];
    from = null;
    const at = (px) => new Date(first.getTime() + ((px - PAD.left) / (width - PAD.left - PAD.right)) * span);
    const startOf = (d) => (bucket === "month"
      ? new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1))
      : new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())));
    // A click without a drag picks the one bar (day or month) under the pointer.
    const since = startOf(at(a));
    const lastBar = startOf(at(Math.min(b, width - PAD.right - 0.5)));
    onBrush(iso(since), iso(new Date(nextBucket(lastBar, bucket).getTime() - DAY)));
  });
  container.append(root, legend(data.types));
}

function ticks(first, end, bucket) {
  const out = [];
  const months = (end.getUTCFullYear() - first.getUTCFullYear()) * 12 + end.getUTCMonth() - first.getUTCMonth();
  if (bucket === "day" && (end - first) / DAY <= 45) {
    const step = Math.max(1, Math.ceil((end - first) / DAY / 8));
    for (let d = first; d < end; d = new Date(d.getTime() + step * DAY)) out.push(d);
    return out;
  }
  const step = Math.max(1, Math.ceil(months / 8));
  let d = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + (first.getUTCDate() > 1 ? 1 : 0), 1));
  for (; d < end; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + step, 1))) out.push(d);
  return out;
}

function legend(types) {
  return h("div", { class: "legend" }, types.map((t) => {
    const sw = h("span", { class: "swatch" });
    sw.style.background = colorOf(t);
    return h("span", { class: "legend-item" }, sw, t);
  }));
}
