/** A document that cannot be read. Every field that is known is filled in, so the message can say what and where. */
export class ParseError extends Error {
  readonly file: string;
  readonly table?: string;
  readonly section?: string;
  readonly line?: number;
  /** the PDF page, for documents read from a PDF (their line numbers are the reader's, not the user's) */
  readonly page?: number;
  readonly expected?: string;
  readonly found?: string;

  constructor(p: {
    file: string;
    message: string;
    table?: string;
    section?: string;
    line?: number;
    page?: number;
    expected?: string;
    found?: string;
  }) {
    super(p.message);
    this.name = "ParseError";
    this.file = p.file;
    this.table = p.table;
    this.section = p.section;
    this.line = p.line;
    this.page = p.page;
    this.expected = p.expected;
    this.found = p.found;
  }

  /** One line in Chinese: 文件 x，公开02表，第 12 行：… 应为 …，实为 … */
  describe(): string {
    const where = [
      `文件 ${this.file}`,
      this.table ? this.table : undefined,
      this.section ? this.section : undefined,
      this.page !== undefined ? `第 ${this.page} 页` : this.line !== undefined ? `第 ${this.line} 行` : undefined,
    ].filter(Boolean);
    const detail = [
      this.expected !== undefined ? `应为：${this.expected}` : undefined,
      this.found !== undefined ? `实为：${truncate(this.found)}` : undefined,
    ].filter(Boolean);
    return `${where.join("，")}：${this.message}${detail.length ? `（${detail.join("；")}）` : ""}`;
  }
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}
