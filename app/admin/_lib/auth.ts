import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// Staff credentials, the CSRF token and the same-origin check for /admin. Plain functions over header values so
// the proxy, the page and the upload endpoint apply exactly the same rules, and tests can call them directly.

export type AdminConfig = { user: string; password: string; secret: Buffer };

/** Header values must be Latin-1, so the realm is ASCII; charset tells browsers to send UTF-8 user names. */
export const BASIC_CHALLENGE = 'Basic realm="fiscal-lens admin", charset="UTF-8"';

export const DISABLED_MESSAGE = "上传功能未启用（未配置 ADMIN_USER / ADMIN_PASSWORD）";

// One random secret per process when ADMIN_SECRET is unset. On globalThis because Next evaluates this module in
// separate bundles (page, route handler); each copy would otherwise mint its own and reject the others' tokens.
const g = globalThis as typeof globalThis & { __fiscalLensAdminSecret?: Buffer };

function processSecret(): Buffer {
  if (!g.__fiscalLensAdminSecret) g.__fiscalLensAdminSecret = randomBytes(32);
  return g.__fiscalLensAdminSecret;
}

/** null when either credential is unset or empty: there is no default password, the upload is then off. */
export function adminConfig(env: Record<string, string | undefined> = process.env): AdminConfig | null {
  const user = env.ADMIN_USER;
  const password = env.ADMIN_PASSWORD;
  if (!user || !password) return null;
  const secret = env.ADMIN_SECRET ? Buffer.from(env.ADMIN_SECRET, "utf8") : processSecret();
  return { user, password, secret };
}

/** Equal-length digests first, so neither the content nor the length of the stored value leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}

/** The user name when the Authorization header carries the configured Basic credentials, else null. */
export function authenticate(authorization: string | null | undefined, cfg: AdminConfig): string | null {
  if (!authorization) return null;
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(authorization);
  if (!m) return null;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  // both comparisons always run: stopping after a wrong user name would tell which half was wrong
  const userOk = sameSecret(user, cfg.user);
  const passwordOk = sameSecret(password, cfg.password);
  return userOk && passwordOk ? user : null;
}

function dayStamp(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function tokenFor(cfg: AdminConfig, user: string, day: string): string {
  return createHmac("sha256", cfg.secret)
    .update(`fiscal-lens-admin-upload\n${user}\n${day}`, "utf8")
    .digest("base64url");
}

/** The anti-CSRF token rendered into the upload page: bound to the user and the (UTC) day. */
export function csrfToken(cfg: AdminConfig, user: string, at: Date = new Date()): string {
  return tokenFor(cfg, user, dayStamp(at));
}

/** Today's token or yesterday's, so a page opened just before midnight still uploads. */
export function verifyCsrfToken(
  cfg: AdminConfig,
  user: string,
  token: string | null | undefined,
  at: Date = new Date(),
): boolean {
  if (!token) return false;
  const yesterday = new Date(at.getTime() - 24 * 3600 * 1000);
  let ok = false;
  for (const d of [at, yesterday]) ok = sameSecret(token, tokenFor(cfg, user, dayStamp(d))) || ok;
  return ok;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * A browser request from this site: its Origin names the host the request was sent to (or, when a browser omits
 * Origin, Sec-Fetch-Site says same-origin). A forwarded host counts too, for a reverse proxy in front; a cross-site
 * page cannot set that header without a CORS preflight, which this app never grants.
 */
export function isSameOrigin(headers: Headers): boolean {
  const hosts = [headers.get("host"), headers.get("x-forwarded-host")?.split(",")[0]]
    .filter((h): h is string => !!h)
    .map((h) => h.trim().toLowerCase());
  const origin = headers.get("origin");
  if (origin && origin !== "null") {
    const h = hostOf(origin);
    return h !== null && hosts.includes(h);
  }
  if (origin === "null") return false;
  return headers.get("sec-fetch-site") === "same-origin";
}
