import { describe, expect, it } from 'vitest';
import { isTypingTarget, shortcutFor, shortcutListener, type KeyPress, type Shortcut } from './use-shortcuts';

/** Stand-ins for DOM elements: what the listener reads of an event target. */
const element = (tagName: string, extra: { type?: string; isContentEditable?: boolean; inDialog?: boolean } = {}) => ({
  tagName,
  type: extra.type,
  isContentEditable: extra.isContentEditable ?? false,
  closest: (selector: string) => (selector === 'dialog[open]' && extra.inDialog ? {} : null),
});

const body = element('BODY');

function press(key: string, options: Partial<Omit<KeyPress, 'preventDefault'>> = {}) {
  const event = {
    key,
    target: body as unknown as EventTarget,
    repeat: false,
    isComposing: false,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    defaultPrevented: false,
    prevented: false,
    preventDefault() {
      event.prevented = true;
    },
    ...options,
  };
  return event;
}

function recorder() {
  const ran: string[] = [];
  const shortcuts: Shortcut[] = [
    { key: 'j', repeat: true, run: () => ran.push('down') },
    { key: 'u', run: () => ran.push('uphold') },
    { key: '?', run: () => ran.push('help') },
    { key: 'Enter', run: () => ran.push('open') },
    { key: 'Escape', inFields: true, run: () => ran.push('escape') },
  ];
  return { ran, shortcuts };
}

describe('keyboard shortcuts', () => {
  it('runs the shortcut of the key pressed, and keeps the key from doing anything else', () => {
    const { ran, shortcuts } = recorder();
    const listener = shortcutListener(() => shortcuts);
    const j = press('j');
    const question = press('?');
    const other = press('q');
    listener(j);
    listener(question);
    listener(other);
    expect(ran).toEqual(['down', 'help']);
    expect([j.prevented, question.prevented, other.prevented]).toEqual([true, true, false]);
  });

  it('leaves letters to text fields: nothing fires while typing in an input, textarea, select or editable element', () => {
    const { ran, shortcuts } = recorder();
    const listener = shortcutListener(() => shortcuts);
    for (const target of [element('INPUT'), element('input', { type: 'search' }), element('TEXTAREA'), element('SELECT'), element('DIV', { isContentEditable: true })]) {
      const event = press('u', { target: target as unknown as EventTarget });
      listener(event);
      expect(event.prevented).toBe(false);
    }
    expect(ran).toEqual([]);
  });

  it('still fires from a ticked checkbox or a button, which take no text', () => {
    const { ran, shortcuts } = recorder();
    shortcutListener(() => shortcuts)(press('j', { target: element('INPUT', { type: 'checkbox' }) as unknown as EventTarget }));
    shortcutListener(() => shortcuts)(press('u', { target: element('BUTTON') as unknown as EventTarget }));
    expect(ran).toEqual(['down', 'uphold']);
    expect(isTypingTarget(element('INPUT', { type: 'radio' }) as unknown as EventTarget)).toBe(false);
    expect(isTypingTarget(element('INPUT', { type: 'date' }) as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget(null)).toBe(false);
  });

  it('lets Escape through from a text field, for the shortcut that leaves it', () => {
    const { ran, shortcuts } = recorder();
    shortcutListener(() => shortcuts)(press('Escape', { target: element('TEXTAREA') as unknown as EventTarget }));
    expect(ran).toEqual(['escape']);
  });

  it('ignores keys with Ctrl, Cmd or Alt (browser and system shortcuts), IME composition, and keys already handled', () => {
    const { shortcuts } = recorder();
    for (const options of [{ ctrlKey: true }, { metaKey: true }, { altKey: true }, { isComposing: true }, { defaultPrevented: true }]) {
      expect(shortcutFor(press('u', options), shortcuts), JSON.stringify(options)).toBeUndefined();
    }
  });

  it('repeats only movement while a key is held, so a held u does not act twice', () => {
    const { shortcuts } = recorder();
    expect(shortcutFor(press('j', { repeat: true }), shortcuts)?.key).toBe('j');
    expect(shortcutFor(press('u', { repeat: true }), shortcuts)).toBeUndefined();
  });

  it('leaves Enter to a focused button or link, and keys to an open dialog', () => {
    const { shortcuts } = recorder();
    expect(shortcutFor(press('Enter', { target: element('A') as unknown as EventTarget }), shortcuts)).toBeUndefined();
    expect(shortcutFor(press('Enter', { target: element('BUTTON') as unknown as EventTarget }), shortcuts)).toBeUndefined();
    expect(shortcutFor(press('Enter'), shortcuts)?.key).toBe('Enter');
    expect(shortcutFor(press('u', { target: element('BUTTON', { inDialog: true }) as unknown as EventTarget }), shortcuts)).toBeUndefined();
  });

  it('reads the shortcuts afresh on each key, so handlers see the current state', () => {
    let current: Shortcut[] = [{ key: 'n', run: () => seen.push(1) }];
    const seen: number[] = [];
    const listener = shortcutListener(() => current);
    listener(press('n'));
    current = [{ key: 'n', run: () => seen.push(2) }];
    listener(press('n'));
    expect(seen).toEqual([1, 2]);
  });
});
