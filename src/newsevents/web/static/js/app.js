// Entry point: read the token from the address, ask the server what this client may do, and
// draw the page the path names.
import { h, clear } from "./dom.js";
import { get, takeTokenFromAddress, setToken } from "./api.js";
import { deskPage } from "./desk.js";
import { eventPage } from "./event.js";
import { articlePage } from "./article.js";
import { entityPage } from "./entity.js";
import { auditPage } from "./audit.js";

function session(meta) {
  const box = document.getElementById("session");
  clear(box);
  if (meta.read_only) box.append(h("span", { class: "badge" }, "read-only server"));
  else if (meta.writable) box.append(h("span", { class: "badge ok", id: "can-write" }, "review on"), " ",
    h("button", { type: "button", class: "link", onclick: () => { setToken(null); location.reload(); } }, "forget token"));
  else box.append(h("span", { class: "badge", id: "read-only" }, "read-only"));
  box.append(" ", h("span", { class: "muted" }, meta.database));
}

async function main() {
  takeTokenFromAddress();
  const root = document.getElementById("main");
  try {
    const meta = await get("/api/meta");
    session(meta);
    const path = decodeURIComponent(location.pathname);
    let m;
    if ((m = path.match(/^\/event\/(.+)$/))) await eventPage(root, meta, m[1]);
    else if ((m = path.match(/^\/article\/(.+)$/))) await articlePage(root, meta, m[1]);
    else if ((m = path.match(/^\/(actor|country|place)\/(.+)$/))) await entityPage(root, meta, m[1], m[2]);
    else if (path === "/review") await auditPage(root, meta);
    else await deskPage(root, meta);
  } catch (err) {
    clear(root).append(h("div", { class: "card error" }, h("h2", {}, "Cannot show this page"), h("p", {}, err.message)));
  }
  document.body.dataset.ready = "1";
}

main();
