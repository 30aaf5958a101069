import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resources } from '@openipp/locales';

/** The manifest's text for the shortcut, as the browser's shortcut settings show it. */
function commandDescription(dir: string): string | undefined {
  const file = new URL(`../../public/_locales/${dir}/messages.json`, import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as Record<string, { message: string }>).commandCaptureListing?.message;
}

describe('keyboard shortcut description', () => {
  it('says in the manifest (chrome.i18n) what locales/ says, in both languages', () => {
    expect(commandDescription('en')).toBe(resources.en.extension.shortcuts.commandDescription);
    expect(commandDescription('zh_CN')).toBe(resources['zh-CN'].extension.shortcuts.commandDescription);
  });
});
