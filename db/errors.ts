/** Database failures in the user's words: no driver text, no SQL, no parameters. */

/** Why a PostgreSQL connection failed, by the driver's or the server's error code, in the user's words. */
const CONNECTION_TROUBLE: Record<string, string> = {
  ECONNREFUSED: "连接被拒绝——数据库服务器没有运行，或地址、端口有误",
  ENOTFOUND: "找不到这个主机名",
  EAI_AGAIN: "暂时无法解析这个主机名",
  ETIMEDOUT: "连接超时，服务器没有响应",
  EHOSTUNREACH: "无法到达这台主机",
  CONNECT_TIMEOUT: "连接超时，服务器没有响应",
  ECONNRESET: "连接被服务器中断",
  CONNECTION_CLOSED: "连接被服务器中断",
  "57P01": "数据库服务器正在关闭",
  "57P02": "数据库服务器异常中断",
  "57P03": "数据库服务器正在启动或关闭，请稍后再试",
  "3D000": "数据库不存在",
  "28P01": "用户名或密码不对",
  "28000": "服务器拒绝了这个用户的连接（pg_hba.conf）",
};

type Chain = { code?: unknown; message?: unknown; cause?: unknown } | undefined;

/** The user's words for a connection problem anywhere in `e`'s cause chain, or undefined when it is not one. */
export function connectionTrouble(e: unknown): string | undefined {
  for (let x = e as Chain, depth = 0; x && depth < 5; x = x.cause as Chain, depth++) {
    if (typeof x.code === "string" && CONNECTION_TROUBLE[x.code]) return CONNECTION_TROUBLE[x.code];
  }
  return undefined;
}

/**
 * One Chinese sentence for an error raised by the database while loading, or undefined when `e` is not one.
 * drizzle wraps the server's error in "Failed query: <SQL> params: …": only the server's own message is kept.
 */
export function databaseFailure(e: unknown): string | undefined {
  const trouble = connectionTrouble(e);
  if (trouble) return `数据库连接出错（${trouble}），这份文件没有载入，可稍后重新载入`;
  for (let x = e as Chain, depth = 0; x && depth < 5; x = x.cause as Chain, depth++) {
    if (typeof x.code === "string" && /^[0-9A-Z]{5}$/.test(x.code) && typeof x.message === "string") {
      return `数据库拒绝了这次载入（错误代码 ${x.code}：${x.message}），这份文件没有载入`;
    }
  }
  return undefined;
}
