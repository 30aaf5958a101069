import { excerptOf, MARKS_PER_CAPTURE_MAX, MIN_REGION_PX, type PageBox, type PageMark } from '@openipp/shared';
import { fill, MARKER_START_GLOBAL, type MarkerStart } from '@/lib/marks';
import { elementText, robustSelector } from '@/lib/marks-selector';
import { sendMessage } from '@/lib/messaging';

/**
 * The marking overlay on the live page (issue #7, part 3): a small toolbar
 * with three tools, and the marks drawn where they were made.
 * - Rectangle: drag over the page.
 * - Element: hover highlights, a click marks the element (its box, a robust
 *   selector, and the start of its text).
 * - Text: select text as usual; the selection is quoted.
 * Esc stops the current tool. Done hides the overlay, so the screenshot shows
 * the page as it is, and asks the worker to capture with the marks; Cancel
 * removes everything.
 *
 * Everything lives in a shadow root, so the page's CSS cannot restyle it; the
 * events it handles stop at its host, so the page does not act on a click
 * meant for a tool.
 */

type Tool = 'region' | 'element' | 'text';

const STYLE = `
:host { all: initial; }
* { box-sizing: border-box; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; }
.glass { position: fixed; inset: 0; pointer-events: none; }
.glass.active { pointer-events: auto; cursor: crosshair; }
.box { position: fixed; border: 2px solid #e11d48; background: rgb(225 29 72 / 12%); pointer-events: none; }
.box.text { border-style: dashed; }
.box .number { position: absolute; top: 0; left: 0; background: #e11d48; color: #fff; padding: 0 5px; font-size: 11px; }
.hover { position: fixed; border: 2px solid #2563eb; background: rgb(37 99 235 / 10%); pointer-events: none; display: none; }
.draft { position: fixed; border: 2px dashed #e11d48; pointer-events: none; display: none; }
.bar { position: fixed; left: 50%; bottom: 16px; transform: translateX(-50%); display: flex; flex-direction: column; gap: 6px;
  max-width: calc(100vw - 32px); padding: 8px 10px; border-radius: 8px; background: #fff; color: #1f2937;
  box-shadow: 0 4px 18px rgb(0 0 0 / 25%); pointer-events: auto; }
.row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
button { padding: 4px 10px; border: 1px solid #cbd5e1; border-radius: 6px; background: #f8fafc; color: #1f2937; cursor: pointer; }
button[aria-pressed="true"] { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
button.primary { background: #e11d48; border-color: #e11d48; color: #fff; }
button:disabled { opacity: 0.5; cursor: default; }
.hint, .count { color: #475569; font-size: 12px; }
.status.error { color: #b91c1c; }
`;

interface Placed {
  mark: PageMark;
  element: HTMLElement | null;
}

declare global {
  // Set by the worker just before it injects this script (lib/marking.ts).
  var __openippMarkerStart: MarkerStart | undefined;
}

const nextPaint = () =>
  new Promise<void>((resolve) => {
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        resolve();
      }
    };
    requestAnimationFrame(() => requestAnimationFrame(finish));
    // rAF stalls in a hidden window: never wait long for it.
    setTimeout(finish, 200);
  });

/** A client rectangle in page coordinates. */
function pageBox(rect: { left: number; top: number; width: number; height: number }): PageBox {
  return { x: rect.left + window.scrollX, y: rect.top + window.scrollY, width: rect.width, height: rect.height };
}

function place(element: HTMLElement, box: { left: number; top: number; width: number; height: number }): void {
  element.style.left = `${box.left}px`;
  element.style.top = `${box.top}px`;
  element.style.width = `${box.width}px`;
  element.style.height = `${box.height}px`;
}

/** Starts the overlay once per injection; `signal` (the content script's) takes it down. */
export function startMarker(signal: AbortSignal): void {
  const start = globalThis[MARKER_START_GLOBAL as '__openippMarkerStart'];
  if (!start) return;
  const texts = start.texts;
  const t = (key: string, values?: Record<string, string | number>) => fill(texts[key] ?? key, values);

  const life = new AbortController();
  const abort = () => life.abort();
  signal.addEventListener('abort', abort, { once: true });
  const on = life.signal;

  const host = document.createElement('openipp-marker');
  host.style.cssText = 'all: initial; position: fixed; inset: 0; z-index: 2147483647; pointer-events: none; display: block;';
  // Open, not closed: a page that wants to tamper can remove the host either way, and an open root lets the
  // end-to-end tests (and assistive tools) reach the toolbar. The shadow root's job is only to keep page CSS out.
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  const glass = document.createElement('div');
  glass.className = 'glass';
  const layer = document.createElement('div');
  const hover = document.createElement('div');
  hover.className = 'hover';
  const draft = document.createElement('div');
  draft.className = 'draft';

  const bar = document.createElement('div');
  bar.className = 'bar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', t('toolbarLabel'));
  const tools = document.createElement('div');
  tools.className = 'row';
  const button = (label: string, testId: string, className = '') => {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = label;
    element.dataset.testid = testId;
    if (className) element.className = className;
    return element;
  };
  const toolButtons: Record<Tool, HTMLButtonElement> = {
    region: button(t('region'), 'marker-tool-region'),
    element: button(t('element'), 'marker-tool-element'),
    text: button(t('text'), 'marker-tool-text'),
  };
  const undo = button(t('undo'), 'marker-undo');
  const count = document.createElement('span');
  count.className = 'count';
  count.dataset.testid = 'marker-count';
  const done = button(t('done'), 'marker-done', 'primary');
  const cancel = button(t('cancel'), 'marker-cancel');
  tools.append(toolButtons.region, toolButtons.element, toolButtons.text, undo, count, done, cancel);
  const hint = document.createElement('div');
  hint.className = 'hint';
  const status = document.createElement('div');
  status.className = 'status';
  status.setAttribute('role', 'status');
  bar.append(tools, hint, status);
  root.append(style, glass, layer, hover, draft, bar);
  document.documentElement.append(host);

  const placed: Placed[] = [];
  let tool: Tool | null = null;
  let drag: { x: number; y: number } | null = null;
  let hovered: Element | null = null;
  let busy = false;

  const render = () => {
    for (const [name, element] of Object.entries(toolButtons) as [Tool, HTMLButtonElement][]) {
      element.setAttribute('aria-pressed', String(tool === name));
      element.disabled = busy;
    }
    glass.classList.toggle('active', tool === 'region' || tool === 'element');
    undo.disabled = busy || placed.length === 0;
    done.disabled = busy;
    cancel.disabled = busy;
    count.textContent = t('count', { count: placed.length });
    hint.textContent = t(tool === null ? 'hintNone' : `hint${tool[0]!.toUpperCase()}${tool.slice(1)}`);
    if (tool !== 'element') hover.style.display = 'none';
    if (!drag) draft.style.display = 'none';
  };

  // Boxes are kept in page coordinates and drawn in the viewport: redrawn as the page scrolls.
  const redraw = () => {
    for (const item of placed) {
      const box = item.mark.box;
      if (!item.element || !box) continue;
      place(item.element, { left: box.x - window.scrollX, top: box.y - window.scrollY, width: box.width, height: box.height });
    }
    if (hovered && tool === 'element') place(hover, hovered.getBoundingClientRect());
  };

  const add = (mark: PageMark) => {
    if (placed.length >= MARKS_PER_CAPTURE_MAX) return;
    let element: HTMLElement | null = null;
    if (mark.box) {
      element = document.createElement('div');
      element.className = `box ${mark.kind}`;
      const number = document.createElement('span');
      number.className = 'number';
      number.textContent = String(placed.length + 1);
      element.append(number);
      layer.append(element);
    }
    placed.push({ mark, element });
    status.textContent = '';
    redraw();
    render();
  };

  const setTool = (next: Tool | null) => {
    tool = tool === next ? null : next;
    drag = null;
    hovered = null;
    render();
  };
  for (const [name, element] of Object.entries(toolButtons) as [Tool, HTMLButtonElement][]) {
    element.addEventListener('click', () => setTool(name), { signal: on });
  }
  undo.addEventListener(
    'click',
    () => {
      placed.pop()?.element?.remove();
      render();
    },
    { signal: on },
  );

  /** The page element under a viewport point, looking through the overlay. */
  const pageElementAt = (x: number, y: number): Element | null =>
    document.elementsFromPoint(x, y).find((element) => element !== host && element !== document.documentElement && element !== document.body) ??
    null;

  glass.addEventListener(
    'pointerdown',
    (event) => {
      if (event.button !== 0 || busy) return;
      event.preventDefault();
      if (tool === 'region') {
        glass.setPointerCapture?.(event.pointerId);
        drag = { x: event.clientX, y: event.clientY };
      }
    },
    { signal: on },
  );
  glass.addEventListener(
    'pointermove',
    (event) => {
      if (tool === 'region' && drag) {
        draft.style.display = 'block';
        place(draft, {
          left: Math.min(drag.x, event.clientX),
          top: Math.min(drag.y, event.clientY),
          width: Math.abs(event.clientX - drag.x),
          height: Math.abs(event.clientY - drag.y),
        });
      } else if (tool === 'element') {
        hovered = pageElementAt(event.clientX, event.clientY);
        hover.style.display = hovered ? 'block' : 'none';
        if (hovered) place(hover, hovered.getBoundingClientRect());
      }
    },
    { signal: on },
  );
  glass.addEventListener(
    'pointerup',
    (event) => {
      if (tool !== 'region' || !drag) return;
      const start = drag;
      drag = null;
      draft.style.display = 'none';
      const width = Math.abs(event.clientX - start.x);
      const height = Math.abs(event.clientY - start.y);
      // Under a few pixels either way it was a click, not a rectangle (as in the builder's picker).
      if (width < MIN_REGION_PX || height < MIN_REGION_PX) return;
      add({ kind: 'region', box: pageBox({ left: Math.min(start.x, event.clientX), top: Math.min(start.y, event.clientY), width, height }) });
    },
    { signal: on },
  );
  glass.addEventListener(
    'click',
    (event) => {
      event.preventDefault();
      if (tool !== 'element' || busy) return;
      const target = pageElementAt(event.clientX, event.clientY);
      if (!target) return;
      const selector = robustSelector(target);
      const rect = target.getBoundingClientRect();
      if (!selector || !(rect.width > 0 && rect.height > 0)) return;
      add({ kind: 'element', box: pageBox(rect), selector, excerpt: excerptOf(elementText(target)) });
    },
    { signal: on },
  );

  // The text tool leaves the page to the mouse: the user selects as usual, and we quote on release.
  const takeSelection = () => {
    if (tool !== 'text' || busy) return;
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
    const quote = selection.toString();
    if (quote.trim() === '') return;
    const rect = selection.getRangeAt(0).getBoundingClientRect();
    add({ kind: 'text', quote, ...(rect.width > 0 && rect.height > 0 ? { box: pageBox(rect) } : {}) });
    selection.removeAllRanges();
  };
  document.addEventListener('mouseup', () => setTimeout(takeSelection, 0), { signal: on });
  document.addEventListener('keyup', (event) => event.shiftKey && takeSelection(), { signal: on });

  window.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'Escape' || busy) return;
      if (drag) {
        drag = null;
        draft.style.display = 'none';
      } else if (tool) {
        setTool(null);
      } else {
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      render();
    },
    { capture: true, signal: on },
  );
  window.addEventListener('scroll', redraw, { passive: true, signal: on });
  window.addEventListener('resize', redraw, { passive: true, signal: on });

  // What happens on the overlay stays there: the page's own handlers never see a tool's click.
  for (const type of ['click', 'dblclick', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'contextmenu', 'keydown', 'keyup'] as const) {
    host.addEventListener(type, (event) => event.stopPropagation(), { signal: on });
  }

  cancel.addEventListener('click', abort, { signal: on });
  done.addEventListener(
    'click',
    () => {
      void (async () => {
        busy = true;
        tool = null;
        render();
        status.className = 'status';
        status.textContent = t('capturing');
        // Out of the picture before the screenshot: the evidence shows the page, not our boxes.
        host.style.display = 'none';
        await nextPaint();
        let result: Awaited<ReturnType<typeof sendMessage<'captureMarked'>>>;
        try {
          result = await sendMessage('captureMarked', {
            mode: start.mode,
            page: { marks: placed.map((item) => item.mark), scrollX: window.scrollX, scrollY: window.scrollY },
          });
        } catch {
          result = { ok: false, code: 'capture_failed' };
        }
        if (on.aborted) return;
        host.style.display = 'block';
        busy = false;
        if (result.ok) {
          // Only the message is left, briefly: the marks now live with the capture.
          layer.replaceChildren();
          tools.replaceChildren();
          hint.textContent = '';
          status.textContent = t('saved', { count: result.value.marks });
          setTimeout(abort, 3_000);
          return;
        }
        // The marks stay, so Done can be tried again.
        status.className = 'status error';
        status.textContent = t('failed', { code: result.code });
        render();
      })();
    },
    { signal: on },
  );

  on.addEventListener('abort', () => host.remove(), { once: true });
  render();
}
