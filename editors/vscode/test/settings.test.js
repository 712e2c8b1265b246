// Unit tests of the extension's decisions (no VS Code needed): run `npm test`.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const s = require('../out-test/settings.js');

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-ext-'));
}
function fakeBinary(dir, mode = 0o755) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'copydesk');
  fs.writeFileSync(file, '#!/bin/sh\n');
  fs.chmodSync(file, mode);
  return file;
}

test('settings map onto the server section, dropping values the server would reject', () => {
  const out = s.serverSettings({
    rules: { 'missing-dateline': 'off', 'unattributed-quote': 'Error', 'unbalanced-quote': 'loud', x: 3 },
    dateline: 'required',
    languages: ['markdown', 'plaintext', 'asciidoc'],
    notesSources: ['~/interviews/**/*.txt', 7, ' '],
  });
  assert.deepStrictEqual(out, {
    rules: { 'missing-dateline': 'off', 'unattributed-quote': 'error' },
    dateline: 'required',
    languages: ['markdown', 'plaintext', 'asciidoc'],
    notes: { sources: ['~/interviews/**/*.txt'] },
  });
});

test('defaults: no rules, auto datelines, plain text and Markdown', () => {
  assert.deepStrictEqual(s.serverSettings({}), { rules: {}, dateline: 'auto', languages: ['plaintext', 'markdown'], notes: { sources: [] } });
  assert.deepStrictEqual(s.languages({ languages: [] }), ['plaintext', 'markdown']);
  assert.deepStrictEqual(s.serverSettings({ dateline: 'sometimes' }).dateline, 'auto');
});

test('the server setting wins over the bundled binary and the PATH', () => {
  const d = tempDir();
  const configured = fakeBinary(path.join(d, 'custom'));
  fakeBinary(path.join(d, 'path'));
  fakeBinary(path.join(d, 'ext', 'bin'));
  assert.deepStrictEqual(s.locateServer(configured, path.join(d, 'path'), path.join(d, 'ext')), { command: configured, source: 'setting' });
});

test('the bundled binary wins over copydesk on the PATH, and gets its executable bit back', () => {
  const d = tempDir();
  fakeBinary(path.join(d, 'path'));
  const bundled = fakeBinary(path.join(d, 'ext', 'bin'), 0o644);
  assert.deepStrictEqual(s.locateServer('', path.join(d, 'path'), path.join(d, 'ext')), { command: bundled, source: 'bundled' });
  assert.ok(fs.statSync(bundled).mode & 0o100);
});

test('without a bundled binary (a .vsix for no platform), copydesk on the PATH runs', () => {
  const d = tempDir();
  const onPath = fakeBinary(path.join(d, 'path'));
  fs.mkdirSync(path.join(d, 'ext'));
  assert.deepStrictEqual(s.locateServer(undefined, path.join(d, 'path'), path.join(d, 'ext')), { command: onPath, source: 'PATH' });
});

test('the PATH is searched in order and skips files that are not executable', () => {
  const d = tempDir();
  fakeBinary(path.join(d, 'a'), 0o644);
  const b = fakeBinary(path.join(d, 'b'));
  assert.strictEqual(s.findOnPath([path.join(d, 'missing'), path.join(d, 'a'), path.join(d, 'b')].join(path.delimiter)), b);
});

test('a server setting that points at nothing is an error, not a silent fallback', () => {
  const d = tempDir();
  const onPath = fakeBinary(path.join(d, 'path'));
  const r = s.locateServer(path.join(d, 'nope'), path.dirname(onPath), d);
  assert.ok('error' in r && /not an executable/.test(r.error));
  const none = s.locateServer('', path.join(d, 'empty'), path.join(d, 'noext'));
  assert.ok('error' in none && /not found/.test(none.error));
});

test('the manifest activates on plain text and Markdown and contributes the restart command', () => {
  const pkg = require('../package.json');
  assert.deepStrictEqual(pkg.activationEvents.sort(), ['onLanguage:markdown', 'onLanguage:plaintext']);
  assert.ok(pkg.contributes.commands.some((c) => c.command === 'copydesk.restartServer' && /Restart server/.test(c.title)));
  const props = pkg.contributes.configuration.properties;
  for (const key of ['copydesk.server.path', 'copydesk.rules', 'copydesk.dateline', 'copydesk.languages']) assert.ok(props[key], key);
  assert.deepStrictEqual(props['copydesk.dateline'].enum, s.DATELINE_POLICIES);
  assert.match(pkg.dependencies['vscode-languageclient'], /^9\./);
  assert.match(props['copydesk.server.path'].markdownDescription, /bundled.*PATH/s);
});

test('notes patterns are a user setting: machine scoped, so a workspace cannot set them', () => {
  const pkg = require('../package.json');
  const notes = pkg.contributes.configuration.properties['copydesk.notes.sources'];
  // VS Code ignores workspace and folder values of `machine` and `application` settings.
  assert.ok(['machine', 'application'].includes(notes.scope), notes.scope);
  assert.strictEqual(notes.type, 'array');
  const extension = fs.readFileSync(path.join(__dirname, '..', 'src', 'extension.ts'), 'utf8');
  assert.match(extension, /inspect<string\[\]>\('notes\.sources'\)\?\.globalValue/);
});

test('the manifest names the repository, and the .vsix ships the bundled server in bin/', () => {
  const pkg = require('../package.json');
  assert.strictEqual(pkg.repository.url, 'https://github.com/copydesk/copydesk');
  const ignore = fs.readFileSync(path.join(__dirname, '..', '.vscodeignore'), 'utf8').split('\n');
  assert.ok(!ignore.some((l) => /^bin\b/.test(l.trim())), '.vscodeignore must not leave out bin/');
});
