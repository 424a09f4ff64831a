/*
 * Which requests the rendered-page cache answers (app/_lib/rendered-cache.ts), shared with proxy.ts. No imports:
 * the proxy is bundled on its own and must not pull in the database.
 */

/** proxy.ts rewrites a cacheable request to this route (app/rendered/[[...path]]/route.ts), keeping the rest of its path. */
export const RENDERED_PREFIX = "/rendered";

/** Sent by the cache's own request for a page, so that the proxy lets it through to the page instead of back to the cache. */
export const RENDER_THROUGH_HEADER = "x-fl-render-through";

/**
 * The dashboard pages: their HTML depends only on the URL, the demo-city cookie and the store's data. Pages that read
 * anything else (the admin pages' credentials, the source view's files) are not listed.
 */
const PAGES =
  /^\/(?:departments(?:\/\d+(?:\/tables)?)?|structure|execution|procurement|sangong|performance|benchmark|quality|budget-review)?$/;

export function isCachedPage(pathname: string): boolean {
  return PAGES.test(pathname);
}

/**
 * A GET for a dashboard page that is not the cache's own request and not a browser's client-side navigation or
 * prefetch. Next hides those requests' router headers and their `_rsc` parameter from the proxy; sent on through the
 * cache's route anyway, a prefetch came back redirected to another `_rsc` and the browser bounced between the two
 * until it gave up (ERR_TOO_MANY_REDIRECTS). A browser says what a request is for in Sec-Fetch-Dest: `document` for a
 * page load, `empty` for the router's fetches, so only page loads (and clients that do not say) come to the cache.
 */
export function isCacheableRequest(method: string, pathname: string, headers: Headers): boolean {
  const dest = headers.get("sec-fetch-dest");
  return (
    method === "GET" &&
    isCachedPage(pathname) &&
    (dest === null || dest === "document") &&
    !headers.has(RENDER_THROUGH_HEADER)
  );
}
