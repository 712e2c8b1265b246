#!/usr/bin/env python3
"""Checks editors/helix/languages.toml without Helix (no registry we use ships it): the file parses,
declares `copydesk lsp`, wires it to markdown and plain text with languageIds the server reads, and
that very command answers `initialize` and publishes diagnostics for the fixture draft.
Env: COPYDESK_REPO, COPYDESK_BIN (what `command` resolves to). Prints JSON lines; exit 1 on failure."""
import json, os, subprocess, sys, time, tomllib

repo = os.environ.get("COPYDESK_REPO", os.getcwd())
t0 = time.time()


def emit(**kw):
    kw["ms"] = int((time.time() - t0) * 1000)
    print(json.dumps(kw), flush=True)


def fail(check, why):
    emit(check=check, ok=False, error=why)
    sys.exit(1)


with open(os.path.join(repo, "editors/helix/languages.toml"), "rb") as f:
    conf = tomllib.load(f)
server = conf["language-server"]["copydesk"]
if server.get("command") != "copydesk" or server.get("args") != ["lsp"]:
    fail("toml", f"unexpected server entry {server}")
langs = {l["name"]: l for l in conf["language"]}
for name, language_id in (("markdown", "markdown"), ("text", "plaintext")):
    if "copydesk" not in langs.get(name, {}).get("language-servers", []):
        fail("toml", f"language {name} does not use copydesk")
    if langs[name].get("language-id", name) != language_id:
        fail("toml", f"language {name} is sent as {langs[name].get('language-id', name)}, not {language_id}")
emit(check="toml", ok=True, languages=sorted(langs))

# The same command line, started the way Helix does (stdio), with the server's settings.
binary = os.environ.get("COPYDESK_BIN", "copydesk")
proc = subprocess.Popen([binary, *server["args"]], stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def send(msg):
    body = json.dumps(msg).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def receive():
    length = 0
    while True:
        line = proc.stdout.readline()
        if not line:
            fail("lsp", "the server closed its output")
        if line in (b"\r\n", b"\n"):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(proc.stdout.read(length))


draft = open(os.path.join(repo, "tests/editors/fixtures/ws/draft.md"), encoding="utf-8").read()
uri = "file://" + os.path.join(repo, "tests/editors/fixtures/ws/draft.md")
send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
      "params": {"processId": None, "rootUri": None, "capabilities": {},
                 "initializationOptions": server.get("config", {})}})
while "id" not in (reply := receive()) or reply.get("id") != 1:
    pass
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
      "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": draft}}})
deadline = time.time() + 20
while time.time() < deadline:
    msg = receive()
    if msg.get("method") == "textDocument/publishDiagnostics":
        codes = sorted(d.get("code") for d in msg["params"]["diagnostics"])
        break
else:
    fail("lsp", "no diagnostics")
if not {"missing-dateline", "unattributed-quote"} <= set(codes):
    fail("lsp", f"unexpected diagnostics {codes}")
emit(check="lsp", ok=True, server=reply["result"].get("serverInfo"), codes=codes)
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
while receive().get("id") != 2:
    pass
send({"jsonrpc": "2.0", "method": "exit"})
proc.wait(timeout=10)
emit(check="done", ok=True)
