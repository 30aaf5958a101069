import { onTestFinished } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type MenuProperties = Browser.contextMenus.CreateProperties;
type ClickListener = (info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab) => void;
type CommandListener = (command: string, tab?: Browser.tabs.Tab) => void;

export interface MenusAndCommands {
  /** The extension's menu items as Chrome holds them, by id. */
  readonly items: ReadonlyMap<string, MenuProperties>;
  /** create() calls Chrome answered with an error (e.g. a duplicate id). */
  readonly createErrors: string[];
  /** The user picks the item `id` on the context menu of `tab`. */
  click(id: string, tab: Browser.tabs.Tab): void;
  /** The user presses the shortcut of `command` over `tab`. */
  press(command: string, tab?: Browser.tabs.Tab): void;
}

/**
 * The fake browser has neither contextMenus nor commands. This gives it
 * Chrome's behaviour for what we use (a duplicate id is an error reported
 * through lastError in create's callback; removing an unknown id rejects)
 * until the test ends.
 */
export function useMenusAndCommands(): MenusAndCommands {
  const items = new Map<string, MenuProperties>();
  const createErrors: string[] = [];
  const clicks = new Set<ClickListener>();
  const commands = new Set<CommandListener>();
  const menus = fakeBrowser.contextMenus;
  const originals = {
    create: menus.create,
    remove: menus.remove,
    addClick: menus.onClicked.addListener,
    removeClick: menus.onClicked.removeListener,
    addCommand: fakeBrowser.commands.onCommand.addListener,
    removeCommand: fakeBrowser.commands.onCommand.removeListener,
  };
  const runtime = fakeBrowser.runtime as { lastError?: { message: string } };

  menus.create = ((properties: MenuProperties, callback?: () => void) => {
    const id = String(properties.id);
    if (items.has(id)) {
      const message = `Cannot create item with duplicate id ${id}`;
      createErrors.push(message);
      runtime.lastError = { message };
    } else {
      items.set(id, { ...properties });
    }
    queueMicrotask(() => {
      callback?.();
      runtime.lastError = undefined;
    });
    return id;
  }) as typeof menus.create;
  menus.remove = (async (id: string | number) => {
    if (!items.delete(String(id))) throw new Error(`Cannot find menu item with id ${id}`);
  }) as typeof menus.remove;
  menus.onClicked.addListener = ((listener: ClickListener) => void clicks.add(listener)) as never;
  menus.onClicked.removeListener = ((listener: ClickListener) => void clicks.delete(listener)) as never;
  fakeBrowser.commands.onCommand.addListener = ((listener: CommandListener) => void commands.add(listener)) as never;
  fakeBrowser.commands.onCommand.removeListener = ((listener: CommandListener) => void commands.delete(listener)) as never;

  onTestFinished(() => {
    menus.create = originals.create;
    menus.remove = originals.remove;
    menus.onClicked.addListener = originals.addClick;
    menus.onClicked.removeListener = originals.removeClick;
    fakeBrowser.commands.onCommand.addListener = originals.addCommand;
    fakeBrowser.commands.onCommand.removeListener = originals.removeCommand;
  });

  return {
    items,
    createErrors,
    click(id, tab) {
      const info = { menuItemId: id, editable: false, pageUrl: tab.url } as Browser.contextMenus.OnClickData;
      for (const listener of clicks) listener(info, tab);
    },
    press(command, tab) {
      for (const listener of commands) listener(command, tab);
    },
  };
}
