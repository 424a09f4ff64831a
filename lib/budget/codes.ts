/**
 * The code a printed code stands for. Codes are 3 (类), 5 (款) and 7 (项) digits; a spreadsheet that read a
 * 经济分类 code as a number prints 30102 as 3012 (and 2010301 as 201031), so a code one digit short gets its zero
 * back. Anything else is no standard code.
 */
export function standardCodeOf(code: string): string | undefined {
  if (code.length === 3 || code.length === 5 || code.length === 7) return code;
  if (code.length === 4 || code.length === 6) return `${code.slice(0, code.length - 1)}0${code.slice(-1)}`;
  return undefined;
}
