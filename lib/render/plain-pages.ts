/**
 * Lines of a PDF text extraction: every printed line followed by a blank one, a 第N页，共M页 footer every `size`
 * lines (wherever the page happens to end, also inside a table), and on a table's new page its header again.
 */
export class PlainPages {
  private readonly out: string[] = [];
  private readonly footers: number[] = [];
  private used = 0;
  private header: string[] | undefined;

  constructor(private readonly size = 40) {}

  /** Lines printed together: a wrapped table row is never split by a page break. */
  block(lines: string[]): void {
    if (lines.length === 0) return;
    if (this.used > 0 && this.used + lines.length * 2 > this.size) this.breakPage(true);
    for (const l of lines) this.put(l);
  }

  /** A paragraph's lines may fall on two pages. */
  lines(lines: string[]): void {
    for (const l of lines) this.block([l]);
  }

  /** Parts and tables start on a new page. */
  newPage(): void {
    if (this.used > 0) this.breakPage(false);
  }

  /** While set, a page break inside the table prints its header again. */
  repeatHeader(header: string[] | undefined): void {
    this.header = header;
  }

  text(): string {
    if (this.used > 0) this.breakPage(false);
    const total = this.footers.length;
    this.footers.forEach((at, i) => (this.out[at] = `第${i + 1}页，共${total}页`));
    return this.out.join("\n") + "\n";
  }

  private put(line: string): void {
    this.out.push(line, "");
    this.used += 2;
  }

  private breakPage(repeat: boolean): void {
    this.footers.push(this.out.length);
    this.out.push("", "", "");
    this.used = 0;
    if (repeat && this.header) for (const h of this.header) this.put(h);
  }
}
