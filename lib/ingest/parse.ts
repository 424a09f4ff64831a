// Placeholder: the orchestrator (detect layout → layout parsers → narrative → appendix → reportSchema.parse).
export {};
