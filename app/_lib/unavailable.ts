import { NextResponse } from "next/server";

/**
 * The answer of /api and /export when the data cannot be read (most often: the database is down). The cause goes to
 * the server log; the caller gets a Chinese sentence, 503 and Retry-After — never the driver's words or the SQL.
 */
export function dataUnavailable(route: string, error: unknown): NextResponse {
  console.error(`${route}: ${(error as Error)?.stack ?? String(error)}`);
  return NextResponse.json(
    { error: "数据暂时无法读取：数据库暂时不可用或出错。数据没有丢失，请稍后重试。" },
    { status: 503, headers: { "retry-after": "5" } },
  );
}
