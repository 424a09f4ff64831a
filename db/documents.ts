import { eq } from "drizzle-orm";
import { documents } from "./schema";
import type { Executor } from "./types";

/** The original file a report or budget was read from, kept so the source view can show it. */
export type OriginalFile = { sha256: string; fileName: string; bytes: Uint8Array; sourceUrl?: string };

/**
 * Keeps the file once per content hash. A file already kept is not sent again (a PDF may be 50 MiB), only its
 * address is added when this load brings one. Called inside the load's transaction, so a report never commits
 * without its file; a report loaded before files were kept gets it on the next load of the same bytes.
 */
export async function keepOriginal(tx: Executor, file: OriginalFile): Promise<void> {
  const [have] = await tx.select({ url: documents.sourceUrl }).from(documents).where(eq(documents.sha256, file.sha256));
  if (have) {
    if (file.sourceUrl && have.url !== file.sourceUrl)
      await tx.update(documents).set({ sourceUrl: file.sourceUrl }).where(eq(documents.sha256, file.sha256));
    return;
  }
  await tx
    .insert(documents)
    .values({
      sha256: file.sha256,
      fileName: file.fileName,
      byteLength: file.bytes.byteLength,
      bytes: file.bytes,
      sourceUrl: file.sourceUrl ?? null,
    })
    .onConflictDoNothing({ target: documents.sha256 });
}

/** Only http(s) addresses are kept: the page shows it as a link. */
export function officialUrl(raw: string | undefined | null): string | undefined {
  const s = raw?.trim();
  if (!s) return undefined;
  try {
    const u = new URL(s);
    return u.protocol === "http:" || u.protocol === "https:" ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}
