// One colour per PLOVER type, grouped by family: violence in reds, coercion and threats in
// oranges, protest in purple, cooperation in greens and blues, talk in greys.
export const TYPE_COLORS = {
  ASSAULT: "#c0392b", COERCE: "#e67e22", THREATEN: "#d35400", MOBILIZE: "#a04000",
  SANCTION: "#b7950b", PROTEST: "#8e44ad", ACCUSE: "#7f8c8d", REJECT: "#5d6d7e",
  REQUEST: "#2e86c1", CONSULT: "#3498db", AGREE: "#27ae60", SUPPORT: "#16a085",
  CONCEDE: "#52be80", COOPERATE: "#1abc9c", AID: "#2ecc71", RETREAT: "#85929e",
};

export function colorOf(type) {
  return TYPE_COLORS[type] || "#555";
}
