// An article body from the server's segments: each piece is text inside a span whose classes
// say which marks cover it (an event's evidence, the current event, the words of a field).
import { h } from "./dom.js";

export const FIELD_LABELS = {
  trigger: "trigger", actor: "actor", recipient: "recipient", location: "place", date: "date",
  quantities: "count", attribution: "source",
};

export function renderBody(segments, onEvidence) {
  const box = h("div", { class: "body", id: "article-body" });
  for (const seg of segments) {
    if (!seg.marks.length) {
      box.append(h("span", { dataset: { start: seg.start } }, seg.text));
      continue;
    }
    const classes = [];
    const titles = [];
    let target = null;
    for (const m of seg.marks) {
      if (m.kind === "field") {
        classes.push("f", `f-${m.label}`);
        titles.push(FIELD_LABELS[m.label] || m.label);
      } else {
        classes.push(m.kind === "current" ? "cur" : "ev");
        titles.push(`${m.label} event`);
        if (m.kind === "evidence") target = m.event_id;
      }
    }
    const span = h("mark", { class: classes.join(" "), title: titles.join(" · "), dataset: { start: seg.start } }, seg.text);
    if (target && onEvidence) {
      span.classList.add("clickable");
      span.addEventListener("click", () => onEvidence(target));
    }
    box.append(span);
  }
  return box;
}

// Offsets of the current text selection inside a rendered body, or null.
export function selectionOffsets(box) {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
  const range = sel.getRangeAt(0);
  const at = (node, offset) => {
    const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    if (!el || !box.contains(el) || el.dataset.start === undefined) return null;
    return Number(el.dataset.start) + offset;
  };
  const start = at(range.startContainer, range.startOffset);
  const end = at(range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  return { start, end, text: sel.toString() };
}
