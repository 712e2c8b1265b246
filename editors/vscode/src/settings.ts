// What the extension decides without VS Code: where the server is, which documents it reads and
// the settings object it is sent. Kept free of the `vscode` module so that it is unit-tested in node.
import * as fs from 'fs';
import * as path from 'path';

/** The languageIds the server reads when nobody configured anything (the server's own default). */
export const DEFAULT_LANGUAGES = ['plaintext', 'markdown'];
export const RULE_LEVELS = ['error', 'warning', 'info', 'hint', 'off'];
export const DATELINE_POLICIES = ['auto', 'required', 'off'];

/** The extension's settings, as read from the `copydesk` section. */
export interface ExtensionSettings {
  serverPath?: string;
  rules?: Record<string, unknown>;
  dateline?: unknown;
  languages?: unknown;
  /** `copydesk.notes.sources`, the user's own value only (the setting is machine scoped). */
  notesSources?: unknown;
}

/** The `copydesk` object the server reads from workspace/configuration (see src/lsp/settings.rs). */
export interface ServerSettings {
  rules: Record<string, string>;
  dateline: string;
  languages: string[];
  notes: { sources: string[] };
}

export type ServerSource = 'setting' | 'bundled' | 'PATH';

export interface ServerLocation {
  command: string;
  source: ServerSource;
}

/** The languageIds to attach to: the configured ones, or the defaults if the list is empty or bad. */
export function languages(s: ExtensionSettings): string[] {
  const list = Array.isArray(s.languages) ? s.languages.filter((l): l is string => typeof l === 'string' && l.trim() !== '') : [];
  return list.length > 0 ? [...new Set(list.map((l) => l.trim()))] : [...DEFAULT_LANGUAGES];
}

/** Maps the extension's settings onto the server's: values it would reject are dropped here. */
export function serverSettings(s: ExtensionSettings): ServerSettings {
  const rules: Record<string, string> = {};
  for (const [code, level] of Object.entries(s.rules ?? {})) {
    if (typeof level === 'string' && RULE_LEVELS.includes(level.toLowerCase())) rules[code] = level.toLowerCase();
  }
  const dateline = typeof s.dateline === 'string' && DATELINE_POLICIES.includes(s.dateline) ? s.dateline : 'auto';
  const sources = Array.isArray(s.notesSources)
    ? s.notesSources.filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    : [];
  return { rules, dateline, languages: languages(s), notes: { sources } };
}

function isExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `copydesk` on the PATH, if any. */
export function findOnPath(pathEnv: string | undefined, platform: string = process.platform): string | undefined {
  const exe = platform === 'win32' ? 'copydesk.exe' : 'copydesk';
  for (const dir of (pathEnv ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, exe);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** The binary shipped inside the extension, `bin/copydesk`, if the .vsix carries one. */
export function bundledServer(extensionDir: string, platform: string = process.platform): string | undefined {
  const file = path.join(extensionDir, 'bin', platform === 'win32' ? 'copydesk.exe' : 'copydesk');
  if (!fs.existsSync(file)) return undefined;
  // A .vsix is a zip and not every unpacker keeps the executable bit.
  if (platform !== 'win32' && !isExecutable(file)) {
    try { fs.chmodSync(file, 0o755); } catch { /* reported below as not found */ }
  }
  return isExecutable(file) ? file : undefined;
}

/**
 * Where the server is: the `copydesk.server.path` setting, then the binary bundled in this
 * platform's .vsix, then `copydesk` on the PATH (a .vsix without a binary, or an unknown platform).
 * A setting that points at nothing is an error, not a reason to fall back silently.
 */
export function locateServer(
  settingPath: string | undefined,
  pathEnv: string | undefined,
  extensionDir: string,
  home: string = process.env.HOME ?? '',
): ServerLocation | { error: string } {
  const configured = (settingPath ?? '').trim();
  if (configured) {
    const file = configured.startsWith('~/') ? path.join(home, configured.slice(2)) : configured;
    return isExecutable(file)
      ? { command: file, source: 'setting' }
      : { error: `copydesk.server.path is set to "${configured}", which is not an executable file` };
  }
  const bundled = bundledServer(extensionDir);
  if (bundled) return { command: bundled, source: 'bundled' };
  const onPath = findOnPath(pathEnv);
  if (onPath) return { command: onPath, source: 'PATH' };
  return {
    error: 'copydesk was not found: this extension has no bundled server for this platform; '
      + 'install copydesk (it must be on the PATH) or set copydesk.server.path',
  };
}
