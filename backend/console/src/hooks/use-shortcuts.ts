import { useEffect, useRef } from 'react';

/**
 * Single-key shortcuts for pages worked all day from the keyboard (the review
 * queue and the evidence view, issue #5): j/k to move, u/r/i to act, ? for help.
 */

export interface Shortcut {
  /** KeyboardEvent.key: 'j', '?', 'Escape', 'Enter'. */
  key: string;
  run: () => void;
  /** Fire again while the key is held (moving through a list), not for actions. */
  repeat?: boolean;
  /** Fire while the focus is in a text field too (Escape, to leave the field). */
  inFields?: boolean;
}

/** What the listener reads of a keyboard event; a DOM KeyboardEvent has all of it. */
export interface KeyPress {
  key: string;
  target: EventTarget | null;
  repeat: boolean;
  isComposing?: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
  preventDefault: () => void;
}

interface ElementLike {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
  closest?: (selector: string) => unknown;
}

// Inputs where a letter key is not typed text, so a shortcut may still fire (a ticked row checkbox keeps j/k working).
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'image', 'color', 'range']);

/** The user is typing: letters belong to the field, not to the page. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const element = target as ElementLike | null;
  if (!element || typeof element.tagName !== 'string') return false;
  if (element.isContentEditable) return true;
  const tag = element.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && !NON_TEXT_INPUTS.has((element.type ?? 'text').toLowerCase());
}

/** Enter and space already mean "press this" on a focused button or link: the page must not act as well. */
function isActivationTarget(target: EventTarget | null): boolean {
  const element = target as ElementLike | null;
  if (!element || typeof element.tagName !== 'string') return false;
  return ['A', 'BUTTON', 'INPUT', 'SUMMARY', 'SELECT', 'TEXTAREA'].includes(element.tagName.toUpperCase());
}

/** A modal dialog (the lightbox, a confirmation) is open over the page and has the keys. */
function insideDialog(target: EventTarget | null): boolean {
  const element = target as ElementLike | null;
  return typeof element?.closest === 'function' && element.closest('dialog[open]') !== null;
}

/** The shortcut a key press means, if any. Kept apart from the DOM so the rules are tested in plain Node. */
export function shortcutFor(event: KeyPress, shortcuts: readonly Shortcut[]): Shortcut | undefined {
  if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return undefined;
  const shortcut = shortcuts.find((candidate) => candidate.key === event.key);
  if (!shortcut) return undefined;
  if (event.repeat && !shortcut.repeat) return undefined;
  if (!shortcut.inFields && (isTypingTarget(event.target) || insideDialog(event.target))) return undefined;
  if ((event.key === 'Enter' || event.key === ' ') && isActivationTarget(event.target)) return undefined;
  return shortcut;
}

/** A keydown listener that runs the matching shortcut and keeps the key from doing anything else. */
export function shortcutListener(shortcuts: () => readonly Shortcut[]): (event: KeyPress) => void {
  return (event) => {
    const shortcut = shortcutFor(event, shortcuts());
    if (!shortcut) return;
    event.preventDefault();
    shortcut.run();
  };
}

/**
 * Binds `shortcuts` on the window while the component is mounted and `enabled`.
 * The latest list is read on each key press, so handlers may close over fresh state.
 */
export function useShortcuts(shortcuts: readonly Shortcut[], enabled = true): void {
  const current = useRef(shortcuts);
  useEffect(() => {
    current.current = shortcuts;
  });
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    const listener = shortcutListener(() => current.current);
    window.addEventListener('keydown', listener, { signal: controller.signal });
    return () => controller.abort();
  }, [enabled]);
}
