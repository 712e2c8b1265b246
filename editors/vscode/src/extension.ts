// The copydesk extension: starts `copydesk lsp` for plain-text and Markdown drafts, keeps its
// settings in step, and shows the server's state in the status bar.
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';

import { ExtensionSettings, ServerLocation, languages, locateServer, serverSettings } from './settings';

/** How the status bar tooltip names where the running server came from. */
const SOURCE_NAMES: Record<ServerLocation['source'], string> = {
  setting: 'from copydesk.server.path',
  bundled: 'bundled with the extension',
  PATH: 'copydesk on the PATH',
};

let client: LanguageClient | undefined;
let location: ServerLocation | undefined;
let status: vscode.StatusBarItem;
let output: vscode.OutputChannel;

function readSettings(): ExtensionSettings {
  const cfg = vscode.workspace.getConfiguration('copydesk');
  return {
    serverPath: cfg.get<string>('server.path'),
    rules: cfg.get<Record<string, unknown>>('rules'),
    dateline: cfg.get<string>('dateline'),
    languages: cfg.get<string[]>('languages'),
    // The user's value only: the setting is machine scoped, so VS Code already ignores a
    // workspace's value; reading `globalValue` keeps it so even if the scope were lost.
    notesSources: cfg.inspect<string[]>('notes.sources')?.globalValue,
  };
}

function showState(text: string, tooltip: string, error = false): void {
  status.text = text;
  status.tooltip = tooltip;
  status.backgroundColor = error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  status.show();
}

function clientOptions(settings: ExtensionSettings): LanguageClientOptions {
  return {
    documentSelector: languages(settings).flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    outputChannel: output,
    // The settings at start-up too, so that the user's notes are indexed once, not twice.
    initializationOptions: { copydesk: serverSettings(settings) },
    middleware: {
      workspace: {
        // The server asks for the section `copydesk`: answer with the mapped settings, not the
        // raw section (which also holds this extension's own keys).
        configuration: (params, token, next) => {
          if (params.items.every((item) => item.section === 'copydesk')) {
            return params.items.map(() => serverSettings(readSettings()));
          }
          return next(params, token);
        },
      },
    },
  };
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const settings = readSettings();
  const found = locateServer(settings.serverPath, process.env.PATH, context.extensionPath);
  if ('error' in found) {
    location = undefined;
    showState('$(error) copydesk', found.error, true);
    output.appendLine(found.error);
    void vscode.window.showErrorMessage(found.error);
    return;
  }
  location = found;
  const serverOptions: ServerOptions = { command: found.command, args: ['lsp'] };
  const c = new LanguageClient('copydesk', 'copydesk', serverOptions, clientOptions(settings));
  c.onDidChangeState((e) => {
    const where = `${found.command} (${SOURCE_NAMES[found.source]})`;
    if (e.newState === State.Starting) showState('$(sync~spin) copydesk', `Starting ${where}`);
    else if (e.newState === State.Running) {
      const version = c.initializeResult?.serverInfo?.version;
      showState('$(check) copydesk', `copydesk ${version ?? ''} is running: ${where}. Click to restart.`);
    } else showState('$(error) copydesk', `copydesk stopped: ${where}. Click to restart.`, true);
  });
  client = c;
  try {
    await c.start();
  } catch (e) {
    showState('$(error) copydesk', `copydesk failed to start: ${String(e)}`, true);
    output.appendLine(`failed to start ${found.command}: ${String(e)}`);
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop();
    } catch (e) {
      output.appendLine(`stopping the server: ${String(e)}`);
    }
    await c.dispose().then(undefined, () => undefined);
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stop();
  await start(context);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('copydesk');
  status = vscode.window.createStatusBarItem('copydesk.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'copydesk';
  status.command = 'copydesk.restartServer';
  context.subscriptions.push(output, status);
  context.subscriptions.push(
    vscode.commands.registerCommand('copydesk.restartServer', () => restart(context)),
    vscode.commands.registerCommand('copydesk.showOutput', () => output.show()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('copydesk')) return;
      // The binary and the document selector are fixed when a client starts.
      if (e.affectsConfiguration('copydesk.server.path') || e.affectsConfiguration('copydesk.languages')) {
        void restart(context);
      } else if (client?.isRunning()) {
        void client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { copydesk: serverSettings(readSettings()) },
        });
      }
    }),
  );
  await start(context);
}

export function deactivate(): Thenable<void> | undefined {
  return stop();
}
