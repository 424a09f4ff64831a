/** @type {import('next').NextConfig} */

// Pages are server-rendered with no third-party origins; the inline bits are Next's own bootstrap scripts and
// Tremor's computed styles, hence 'unsafe-inline' for those two directives only.
const csp = [
  "default-src 'self'",
  // React's development build evaluates code for its debugging aids; production never needs eval.
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const nextConfig = {
  // PGlite loads its wasm and data files from its own package path; bundling it breaks every request. pdfjs-dist
  // likewise reads its CMaps and fonts from its package directory; it runs in a worker thread that Node loads
  // from lib/ingest/pdf/pdf-worker.mjs on disk (see lib/ingest/pdf/read-pdf.ts), never from the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pdfjs-dist"],
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: csp },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};
module.exports = nextConfig;
