export * from "./departments";
export * from "./reports";
export * from "./budget-tables";
export * from "./narrative";
export * from "./performance";
export * from "./findings";
export * from "./subjects";
export * from "./import-log";
