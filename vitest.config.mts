import { defineConfig } from "vitest/config";
import path from "node:path";

const alias = {
  "server-only": path.resolve(import.meta.dirname, "tests/setup/server-only.ts"),
  "@": path.resolve(import.meta.dirname, "."),
};

export default defineConfig({
  test: {
    projects: [
      // Unit tests that read a PDF or generate a city take a second alone and many on a loaded 2-core CI machine:
      // a timeout is for hangs, never a benchmark.
      { resolve: { alias }, test: { name: "unit", include: ["tests/lib/**/*.test.ts"], setupFiles: ["tests/setup/env.ts"], testTimeout: 60_000 } },
      {
        resolve: { alias },
        test: { name: "db", include: ["tests/db/**/*.test.ts"], setupFiles: ["tests/setup/env.ts"], testTimeout: 120_000, hookTimeout: 120_000 },
      },
      {
        resolve: { alias },
        test: { name: "e2e", include: ["tests/e2e/**/*.test.ts"], setupFiles: ["tests/setup/env.ts"], testTimeout: 120_000, hookTimeout: 600_000, fileParallelism: false },
      },
    ],
  },
});
