import type { z } from "zod";
import { reportSchema, type Report } from "./schema";

/**
 * reportSchema.safeParse, compiled. zod walks its schema objects for every value, with a result object and an issue
 * list per node; for a report of a few thousand cells that was 8–14 % of parse + audit. This walks the same schema
 * once, at load, into plain closures that check and copy a value the way zod's parse does (keys in the schema's
 * order, unknown keys dropped, defaults filled from the schema's own default, an optional key present as undefined
 * kept), and gives up on the first failure: zod itself then parses the value, so every error is zod's own. A schema
 * construct the compiler does not know makes it decline the whole schema, and zod does all the work.
 */
type Copy = (value: unknown) => unknown;
const FAIL: unique symbol = Symbol("fail");

type Def = {
  type: string;
  checks?: { _zod: { def: { check: string; format?: string; pattern?: RegExp }; check: (p: unknown) => void } }[];
  shape?: Record<string, z.ZodType>;
  catchall?: unknown;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  values?: unknown[];
  entries?: Record<string, unknown>;
};

const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

class Unsupported extends Error {}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!isObject(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A check zod runs after the type test: the amount regex inline (the hot one), any other through zod's own check. */
function checker(schema: z.ZodType): ((v: unknown) => boolean) | undefined {
  const checks = defOf(schema).checks ?? [];
  if (checks.length === 0) return undefined;
  const tests = checks.map((c): ((v: unknown) => boolean) => {
    const d = c._zod.def;
    if (d.check === "string_format" && d.format === "regex" && d.pattern && !d.pattern.global && !d.pattern.sticky) {
      const re = d.pattern;
      return (v) => re.test(v as string);
    }
    return (v) => {
      const payload = { value: v, issues: [] as unknown[] };
      c._zod.check(payload);
      return payload.issues.length === 0;
    };
  });
  return tests.length === 1 ? tests[0] : (v) => tests.every((t) => t(v));
}

function compile(schema: z.ZodType): Copy {
  const def = defOf(schema);
  const check = checker(schema);
  const checked = (test: (v: unknown) => boolean): Copy =>
    check ? (v) => (test(v) && check(v) ? v : FAIL) : (v) => (test(v) ? v : FAIL);
  switch (def.type) {
    case "string":
      return checked((v) => typeof v === "string");
    case "number":
      return checked((v) => typeof v === "number" && Number.isFinite(v));
    case "boolean":
      return checked((v) => typeof v === "boolean");
    case "literal": {
      const values = def.values!;
      return checked((v) => values.includes(v));
    }
    case "enum": {
      const values = new Set(Object.values(def.entries!));
      return checked((v) => values.has(v));
    }
    case "optional": {
      if (check) throw new Unsupported();
      const inner = defOf(def.innerType!);
      if (inner.type === "default" || inner.type === "prefault") throw new Unsupported();
      const copy = compile(def.innerType!);
      return (v) => (v === undefined ? undefined : copy(v));
    }
    case "default": {
      if (check) throw new Unsupported();
      const copy = compile(def.innerType!);
      // zod's getter hands out a fresh copy of the default each time
      return (v) => (v === undefined ? def.defaultValue : copy(v));
    }
    case "array": {
      if (check) throw new Unsupported();
      const copy = compile(def.element!);
      return (v) => {
        if (!Array.isArray(v)) return FAIL;
        const out = new Array(v.length);
        for (let i = 0; i < v.length; i++) {
          const x = copy(v[i]);
          if (x === FAIL) return FAIL;
          out[i] = x;
        }
        return out;
      };
    }
    case "record": {
      if (check) throw new Unsupported();
      const key = defOf(def.keyType!);
      if (key.type !== "string" || key.checks?.length) throw new Unsupported();
      const copy = compile(def.valueType!);
      return (v) => {
        if (!isPlainObject(v)) return FAIL;
        const out: Record<string, unknown> = {};
        for (const k of Reflect.ownKeys(v)) {
          if (typeof k !== "string") return FAIL;
          if (k === "__proto__" || !Object.prototype.propertyIsEnumerable.call(v, k)) continue;
          const x = copy(v[k]);
          if (x === FAIL) return FAIL;
          out[k] = x;
        }
        return out;
      };
    }
    case "object":
      if (check || def.catchall !== undefined) throw new Unsupported();
      return compileObject(def.shape!);
    default:
      throw new Unsupported();
  }
}

/** As zod's object parse: required keys must be present, optional ones are copied when present, defaulted ones always. */
function compileObject(shape: Record<string, z.ZodType>): Copy {
  if (Object.getOwnPropertySymbols(shape).length) throw new Unsupported();
  const fields = Object.keys(shape).map((key) => {
    if (key === "__proto__") throw new Unsupported();
    const type = defOf(shape[key]).type;
    const mode = type === "optional" ? "optional" : type === "default" ? "defaulted" : "required";
    return { key, mode, copy: compile(shape[key]) };
  });
  return (v) => {
    if (!isObject(v)) return FAIL;
    const out: Record<string, unknown> = {};
    for (const { key, mode, copy } of fields) {
      const present = key in v;
      if (mode === "required" && !present) return FAIL;
      if (mode === "optional" && !present) continue;
      const x = copy(v[key]);
      if (x === FAIL) return FAIL;
      out[key] = x;
    }
    return out;
  };
}

function compileOrNull(schema: z.ZodType): Copy | null {
  try {
    return compile(schema);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

const compiledReport = compileOrNull(reportSchema);

/** reportSchema.safeParse(value), the same result, faster when the value is valid. */
export function safeParseReport(value: unknown): ReturnType<typeof reportSchema.safeParse> {
  if (compiledReport) {
    const data = compiledReport(value);
    if (data !== FAIL) return { success: true, data: data as Report };
  }
  return reportSchema.safeParse(value);
}
