/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its wasm and data files from its own package path; bundling it breaks every request.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
};
module.exports = nextConfig;
