// The map: country outlines shipped with the app (Natural Earth 110m via world-atlas), tiles
// only when the user set --tile-url, and the server's grid clusters drawn as circles coloured
// by their most frequent type. A cluster of one opens its event; a larger one zooms in.
import { h } from "./dom.js";
import { colorOf } from "./colors.js";
import { get } from "./api.js";

let outlines = null;

// Rings that cross the antimeridian (Russia, Fiji) jump from +180 to -180 and would be drawn
// as a stripe across the world; keep each ring continuous instead (past 180 if need be).
function unwrap(ring) {
  let shift = 0;
  return ring.map(([lon, lat], i) => {
    const step = i > 0 ? lon - ring[i - 1][0] : 0;
    if (step > 180) shift -= 360;
    else if (step < -180) shift += 360;
    return [lon + shift, lat];
  });
}

function unwrapGeometry(geometry) {
  if (!geometry) return geometry;
  const rings = (polygon) => polygon.map(unwrap);
  if (geometry.type === "Polygon") return { ...geometry, coordinates: rings(geometry.coordinates) };
  if (geometry.type === "MultiPolygon") return { ...geometry, coordinates: geometry.coordinates.map(rings) };
  return geometry;
}

async function countries() {
  outlines ||= fetch("/static/vendor/world-atlas/countries-110m.json")
    .then((r) => r.json())
    .then((topo) => {
      const geo = window.topojson.feature(topo, topo.objects.countries);
      // Antarctica (ISO 010) only adds a band along the bottom edge of a flat map.
      geo.features = geo.features.filter((f) => f.id !== "010")
        .map((f) => ({ ...f, geometry: unwrapGeometry(f.geometry) }));
      return geo;
    });
  return outlines;
}

function dominant(types) {
  return Object.entries(types).sort((a, b) => b[1] - a[1])[0][0];
}

function describe(cell) {
  const parts = Object.entries(cell.types).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`);
  return `${cell.count} event${cell.count > 1 ? "s" : ""}: ${parts.join(", ")}`;
}

export class EventMap {
  constructor(container, meta, onStatus) {
    this.container = container;
    this.onStatus = onStatus;
    this.filters = {};
    this.request = 0;
    const L = window.L;
    this.map = L.map(container, { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 1 }).setView([30, 20], 2);
    this.map.attributionControl.setPrefix(false);
    if (meta.tile_url) {
      L.tileLayer(meta.tile_url, { maxZoom: 18, attribution: "tiles: your tile server" }).addTo(this.map);
    } else {
      this.map.attributionControl.addAttribution("outlines: Natural Earth");
      countries().then((geo) => {
        L.geoJSON(geo, { interactive: false, style: { color: "#9aa5b1", weight: 0.7, fillColor: "#eef1f4", fillOpacity: 1 } })
          .addTo(this.map).bringToBack();
      });
    }
    this.layer = L.layerGroup().addTo(this.map);
    this.map.on("moveend", () => this.load());
  }

  setFilters(filters) {
    this.filters = filters;
    this.fitted = false;
    this.load();
  }

  async load() {
    const number = ++this.request;
    // After a filter change, ask for the whole world once to frame the events found; fitting
    // moves the map, and the move loads the cells of the new view.
    const fitting = !this.fitted;
    const params = { ...this.filters, zoom: fitting ? 2 : this.map.getZoom() };
    if (!fitting) {
      const b = this.map.getBounds();
      params.bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(4)).join(",");
    }
    let data;
    try {
      data = await get("/api/map", params);
    } catch (err) {
      this.onStatus(`map: ${err.message}`);
      return;
    }
    if (number !== this.request) return; // a later move already asked again
    this.fitted = true;
    this.draw(data);
    const points = data.cells.map((c) => [c.lat, c.lon]);
    if (fitting && points.length) this.map.fitBounds(window.L.latLngBounds(points).pad(0.2), { maxZoom: 6 });
  }

  draw(data) {
    const L = window.L;
    this.layer.clearLayers();
    for (const cell of data.cells) {
      const radius = 6 + 4 * Math.log2(cell.count);
      const marker = L.circleMarker([cell.lat, cell.lon], {
        radius, color: "#fff", weight: 1.5, fillColor: colorOf(dominant(cell.types)), fillOpacity: 0.85,
        className: "ne-cluster",
      });
      marker.bindTooltip(h("span", {}, describe(cell)), { direction: "top" });
      marker.on("click", () => {
        if (cell.event_id) location.assign(`/event/${encodeURIComponent(cell.event_id)}`);
        else this.map.setView([cell.lat, cell.lon], Math.min(this.map.getZoom() + 2, 12));
      });
      this.layer.addLayer(marker);
      if (cell.count > 1) {
        const label = h("span", {}, String(cell.count));
        this.layer.addLayer(L.marker([cell.lat, cell.lon], {
          interactive: false, keyboard: false,
          icon: L.divIcon({ html: label, className: "ne-count", iconSize: [36, 16], iconAnchor: [18, 8] }),
        }));
      }
    }
    this.onStatus(`${data.placed.toLocaleString()} on the map in view` +
      (data.unplaced ? ` · ${data.unplaced.toLocaleString()} without coordinates` : ""));
  }
}
