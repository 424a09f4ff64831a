/**
 * The HTTP answer for a kept original file (a 决算's or a budget's): the source view's PDF renderer reads it, and a
 * reader may download it. `missing` says, in Chinese, whose file the store does not keep.
 */
export function originalFileResponse(
  request: Request,
  file: { fileName: string; sha256: string; bytes: Uint8Array } | null,
  missing: string,
): Response {
  if (!file) return new Response(missing, { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const etag = `"${file.sha256}"`;
  // an id always names the same bytes; the hash tells a rebuilt store's reuse of an id apart
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers: { etag } });
  const pdf = /\.pdf$/i.test(file.fileName);
  const download = new URL(request.url).searchParams.has("download");
  return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      // text may be GBK or UTF-16 as published: sent as bytes, not relabelled as UTF-8
      "content-type": pdf ? "application/pdf" : "application/octet-stream",
      "content-disposition": `${download || !pdf ? "attachment" : "inline"}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "content-length": String(file.bytes.byteLength),
      "cache-control": "private, max-age=3600",
      etag,
    },
  });
}
