import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from './menu-template';
import { APP_ENTRY, appAssetPath, externalLinkDecision, isTrustedSender } from './trust';

describe('isTrustedSender', () => {
  it('trusts only the top frame of the app:// page, or the dev server in development', () => {
    expect(isTrustedSender(APP_ENTRY, true, undefined)).toBe(true);
    expect(isTrustedSender('app://inspector/assets/x.js', true, undefined)).toBe(true);
    expect(isTrustedSender(APP_ENTRY, false, undefined)).toBe(false);
    // Any file:// page (a downloaded HTML file opened somehow) is not the app.
    expect(isTrustedSender('file:///home/me/Downloads/evil.html', true, undefined)).toBe(false);
    expect(isTrustedSender('file:///opt/app/resources/app.asar/out/renderer/index.html', true, undefined)).toBe(false);
    expect(isTrustedSender('app://other/index.html', true, undefined)).toBe(false);
    expect(isTrustedSender('app://user@inspector/index.html', true, undefined)).toBe(false);
    expect(isTrustedSender('https://inspector/index.html', true, undefined)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', true, 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender('http://localhost:5173.evil.example/', true, 'http://localhost:5173')).toBe(false);
    expect(isTrustedSender('http://localhost:5174/', true, 'http://localhost:5173')).toBe(false);
    expect(isTrustedSender('not a url', true, undefined)).toBe(false);
  });
});

describe('appAssetPath', () => {
  it('serves files of the renderer folder and nothing outside it', () => {
    expect(appAssetPath('app://inspector/')).toBe('index.html');
    expect(appAssetPath('app://inspector/index.html')).toBe('index.html');
    expect(appAssetPath('app://inspector/assets/index-abc.js?x=1')).toBe('assets/index-abc.js');
    for (const bad of [
      'app://inspector/../../etc/passwd',
      'app://inspector/%2e%2e/%2e%2e/etc/passwd',
      'app://inspector/assets%2f..%2f..%2fpackage.json',
      'app://inspector/..%5c..%5cwin.ini',
      'app://inspector/a%00.js',
      'app://inspector/%E0%A4%A',
      'app://elsewhere/index.html',
      'file:///etc/passwd',
    ]) {
      const path = appAssetPath(bad);
      // Never out of the folder: null, or a relative path with no "..".
      expect(path === null || (!path.startsWith('/') && !path.split('/').includes('..')), bad).toBe(true);
    }
    // The URL parser resolves dot segments first: what is left names a file inside the folder.
    expect(appAssetPath('app://inspector/../../etc/passwd')).toBe('etc/passwd');
    // Encoded separators, NUL, broken escapes, other hosts and schemes are refused outright.
    for (const bad of [
      'app://inspector/%2e%2e/%2e%2e/etc/passwd',
      'app://inspector/assets%2f..%2f..%2fpackage.json',
      'app://inspector/..%5c..%5cwin.ini',
      'app://inspector/a%00.js',
      'app://inspector/%E0%A4%A',
      'app://elsewhere/index.html',
      'file:///etc/passwd',
    ]) {
      if (bad.includes('%2e%2e')) expect(appAssetPath(bad), bad).toBe('etc/passwd');
      else expect(appAssetPath(bad), bad).toBeNull();
    }
  });
});

describe('externalLinkDecision', () => {
  it('opens the allow-list, asks for other https pages, and denies everything else', () => {
    expect(externalLinkDecision('https://www.rfc-editor.org/rfc/rfc9112#section-7.1')).toBe('open');
    expect(externalLinkDecision('https://example.com/')).toBe('ask');
    expect(externalLinkDecision('https://www.rfc-editor.org.evil.example/')).toBe('ask');
    expect(externalLinkDecision('https://user:pw@www.rfc-editor.org/')).toBe('deny');
    for (const link of [
      'http://www.rfc-editor.org/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-msdt:/id',
      'nonsense',
    ]) {
      expect(externalLinkDecision(link), link).toBe('deny');
    }
  });
});

describe('menuTemplate', () => {
  const roles = (isPackaged: boolean) =>
    JSON.stringify(menuTemplate({ isMac: false, isPackaged, appName: 'Lowhaio Inspector', openExternal: () => {} }));
  it('offers the developer tools in a development build only', () => {
    expect(roles(false)).toContain('toggleDevTools');
    expect(roles(true)).not.toContain('toggleDevTools');
  });

  it("leaves Ctrl/Cmd+T and Ctrl/Cmd+W to the page's tabs, on every platform", () => {
    for (const isMac of [false, true]) {
      const items: MenuItemConstructorOptions[] = [];
      const walk = (list: MenuItemConstructorOptions[]) =>
        list.forEach((item) => {
          items.push(item);
          if (Array.isArray(item.submenu)) walk(item.submenu);
        });
      walk(menuTemplate({ isMac, isPackaged: true, appName: 'Lowhaio Inspector', openExternal: () => {} }));
      // Stock roles whose items bind Ctrl/Cmd+W (the File and Window menus, a close without its own key).
      expect(items.map((item) => item.role)).not.toContain('fileMenu');
      expect(items.map((item) => item.role)).not.toContain('windowMenu');
      for (const item of items) {
        if (item.role === 'close') expect(item.accelerator).toBe('CmdOrCtrl+Shift+W');
        expect(String(item.accelerator ?? '')).not.toMatch(/^(CmdOrCtrl|CommandOrControl|Ctrl|Cmd)\+[TW]$/i);
      }
    }
  });
});
