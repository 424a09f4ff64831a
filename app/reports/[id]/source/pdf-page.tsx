"use client";

import { useEffect, useRef, useState } from "react";
import { findFigure, type Box, type Piece } from "./find-figure";
import "./text-layer.css";

type Props = {
  /** the original PDF, served by /reports/<id>/document */
  src: string;
  page: number;
  /** the cited figure in the forms the page may print it ("2940.05"; in 元 too), the first found is boxed */
  figures: string[];
  /** a word on the figure's row, to choose among equal figures */
  context?: string;
};

type State = { kind: "loading" } | { kind: "error"; message: string } | { kind: "done"; boxes: Box[]; figure?: string };

/**
 * One page of the original PDF, drawn in the browser by pdfjs (no canvas package on the server), with its text
 * layer on top (selectable, and what the cited figure is looked up in) and a box over the cited figure.
 */
export function PdfPage({ src, page, figures, context }: Props) {
  const key = figures.join("|");
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const text = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<State>({ kind: "loading" });

  useEffect(() => {
    let cancelled = false;
    let destroy: (() => void) | undefined;
    (async () => {
      const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
      pdfjs.GlobalWorkerOptions.workerSrc = "/pdfjs/pdf.worker.min.mjs";
      const task = pdfjs.getDocument({
        url: src,
        cMapUrl: "/pdfjs/cmaps/",
        cMapPacked: true,
        standardFontDataUrl: "/pdfjs/standard_fonts/",
        wasmUrl: "/pdfjs/wasm/",
        // a hostile font must not run code (CVE-2024-4367)
        isEvalSupported: false,
      });
      destroy = () => void task.destroy();
      const doc = await task.promise;
      if (cancelled) return;
      const p = await doc.getPage(Math.min(Math.max(1, page), doc.numPages));
      const width = wrap.current?.clientWidth || 900;
      const scale = width / p.getViewport({ scale: 1 }).width;
      const viewport = p.getViewport({ scale });
      const ratio = window.devicePixelRatio || 1;
      const c = canvas.current!;
      c.width = Math.floor(viewport.width * ratio);
      c.height = Math.floor(viewport.height * ratio);
      c.style.width = `${viewport.width}px`;
      c.style.height = `${viewport.height}px`;
      wrap.current!.style.setProperty("--total-scale-factor", String(scale));
      wrap.current!.style.setProperty("--scale-round-x", "1px");
      wrap.current!.style.setProperty("--scale-round-y", "1px");
      await p.render({ canvas: c, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] }).promise;
      const layer = new pdfjs.TextLayer({
        textContentSource: await p.getTextContent(),
        container: text.current!,
        viewport,
      });
      await layer.render();
      if (cancelled) return;
      const origin = wrap.current!.getBoundingClientRect();
      const pieces: Piece[] = layer.textDivs.map((el) => ({ el, text: el.textContent ?? "" }));
      let boxes: Box[] = [];
      let figure: string | undefined;
      for (const f of key ? key.split("|") : []) {
        boxes = findFigure(pieces, f, context, origin);
        figure ??= f;
        if (boxes.length) {
          figure = f;
          break;
        }
      }
      setState({ kind: "done", boxes, figure });
    })().catch((e: unknown) => {
      if (!cancelled) setState({ kind: "error", message: (e as Error)?.message ?? String(e) });
    });
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [src, page, key, context]);

  useEffect(() => {
    if (state.kind === "done") wrap.current?.querySelector("[data-highlight]")?.scrollIntoView({ block: "center" });
  }, [state]);

  return (
    <div className="space-y-2">
      <p className="no-print text-sm text-gray-700" role="status">
        {state.kind === "loading"
          ? "正在载入原文……"
          : state.kind === "error"
            ? `原文无法显示：${state.message}`
            : !state.figure
              ? `第 ${page} 页`
              : state.boxes.length
                ? `第 ${page} 页，已用红框标出 ${state.figure}${state.boxes.length > 1 ? `（本页共 ${state.boxes.length} 处）` : ""}`
                : `第 ${page} 页上没有找到数字 ${state.figure}（可能跨页或印作其他写法），请在本页中查找。`}
      </p>
      <div ref={wrap} className="relative mx-auto w-full max-w-[1000px] border border-gray-300 bg-white shadow-sm">
        <canvas ref={canvas} className="block" />
        <div ref={text} className="pdf-text-layer" />
        {state.kind === "done"
          ? state.boxes.map((b, i) => (
              <div
                key={i}
                data-highlight=""
                data-testid="source-highlight"
                data-figure={b.text}
                className="pointer-events-none absolute rounded-sm border-2 border-rose-600 bg-yellow-300/40"
                style={{ left: b.left - 3, top: b.top - 3, width: b.width + 6, height: b.height + 6 }}
              />
            ))
          : null}
      </div>
    </div>
  );
}
