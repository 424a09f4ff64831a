import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { latestImports, type ImportLogEntry } from "@/db/import-log";
import { departmentChoices, latestOverrides, unitLinks } from "@/db/organisations";
import { Empty, PageHeader, Section } from "../../_components/ui";
import { DISABLED_MESSAGE, adminConfig, authenticate, csrfToken } from "../_lib/auth";
import { PDF_MEMORY_LIMIT_MB, PDF_TIME_LIMIT_MS } from "@/lib/ingest/pdf/read-pdf";
import { LogTable } from "./log-table";
import { type Organisations, OrganisationsPanel } from "./organisations-panel";
import { UploadForm } from "./upload-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "上传决算文件", robots: { index: false, follow: false } };

export default async function AdminImportPage() {
  const cfg = adminConfig();
  if (!cfg) {
    return (
      <div>
        <PageHeader title="上传决算文件" />
        <Empty>{DISABLED_MESSAGE}</Empty>
      </div>
    );
  }
  // proxy.ts answers 401 before this renders; checked again so a matcher mistake cannot expose the log
  const user = authenticate((await headers()).get("authorization"), cfg);
  if (!user) {
    return (
      <div>
        <PageHeader title="上传决算文件" />
        <Empty>需要管理员用户名和密码。</Empty>
      </div>
    );
  }
  const token = csrfToken(cfg, user);
  let log: ImportLogEntry[] | null = null;
  let orgs: Organisations | null = null;
  try {
    const db = await getDb();
    const [l, departments, links, overrides] = await Promise.all([
      latestImports(db, 100),
      departmentChoices(db),
      unitLinks(db),
      latestOverrides(db, 100),
    ]);
    log = l;
    orgs = { departments, links, overrides };
  } catch {
    log = null;
  }

  return (
    <div>
      <PageHeader
        title="上传决算文件"
        subtitle={`已登录：${user}。上传的文件经与命令行 ingest 相同的解析、审核与载入流程，每个文件单独成一个事务，读不通的文件一行也不会写入。`}
      />
      <Section title="上传">
        <UploadForm
          token={token}
          pdfReadLimits={`每个 PDF 最多读取 ${PDF_TIME_LIMIT_MS / 1000} 秒、占用 ${PDF_MEMORY_LIMIT_MB} MB 内存`}
        />
      </Section>
      <Section title="载入日志（最近 100 条）" note="记录网页上传与命令行载入的每一次尝试，包括失败的。">
        {log === null ? (
          <Empty>数据库暂时不可用，无法读取载入日志。</Empty>
        ) : log.length === 0 ? (
          <Empty>还没有载入记录。</Empty>
        ) : (
          <LogTable log={log} />
        )}
      </Section>
      <Section
        id="organisations"
        title="部门与单位"
        note="同一单位在不同年度、不同文件中的名称按规范化后的名称自动匹配（全角半角、（本级）/本部 等）；部门决算所列的单位在合计中不再重复计入。匹配有误时在此更正，更正会保存并用于此后的每次载入。"
      >
        {orgs === null ? (
          <Empty>数据库暂时不可用，无法读取部门对应关系。</Empty>
        ) : (
          <OrganisationsPanel token={token} orgs={orgs} />
        )}
      </Section>
    </div>
  );
}
