// The JSON API. The write token comes from the address newsevents serve prints
// (http://127.0.0.1:8000/#token=...): it is moved from the fragment (never sent to a server)
// into this tab's session storage and sent as an Authorization header on writes only.

const TOKEN_KEY = "newsevents.token";
const REVIEWER_KEY = "newsevents.reviewer";

export function takeTokenFromAddress() {
  const match = location.hash.match(/token=([^&]+)/);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, "", location.pathname + location.search);
  }
}

export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function reviewer() {
  return localStorage.getItem(REVIEWER_KEY) || "";
}

export function setReviewer(name) {
  localStorage.setItem(REVIEWER_KEY, name);
}

function authHeaders() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function answer(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) throw new ApiError(response.status, (body && body.error) || response.statusText);
  return body;
}

export async function get(path, params) {
  const query = params && Object.keys(params).length ? "?" + new URLSearchParams(params) : "";
  return answer(await fetch(path + query, { headers: authHeaders(), credentials: "same-origin" }));
}

export async function post(path, body) {
  return answer(await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...authHeaders() },
    credentials: "same-origin",
    body: JSON.stringify(body),
  }));
}
