/**
 * The JSON Schema as an editor sees it: the real yaml-language-server (a devDependency), driven over
 * LSP (JSON-RPC on stdio) with a scenario that points at schema/scenario.schema.json by its modeline.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { KERNEL_KEYS } from '../src/model/knobs.js';
import { SUPPLIER_KINDS } from '../src/model/supplier-kinds.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = join(dirname(createRequire(import.meta.url).resolve('yaml-language-server/package.json')), 'bin', 'yaml-language-server');

interface Message {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string };
}

/** A minimal LSP client: Content-Length framing, requests by id, and the server's own requests answered. */
class LspClient {
  private readonly server: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (message: Message) => void>();
  private readonly waiters: { method: string; check: (params: unknown) => boolean; resolve: (params: unknown) => void }[] = [];

  constructor() {
    this.server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    this.server.stdout.on('data', (chunk: Buffer) => this.read(chunk));
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString('ascii'))?.[1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    if (message.id !== undefined && message.method === undefined) {
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
    } else if (message.id !== undefined && message.method !== undefined) {
      // The server asks for settings (workspace/configuration) and registers capabilities.
      const result = message.method === 'workspace/configuration' ? (message.params as { items: unknown[] }).items.map(() => ({ validate: true, hover: true, completion: true })) : null;
      this.send({ jsonrpc: '2.0', id: message.id, result });
    } else if (message.method !== undefined) {
      for (const waiter of [...this.waiters]) {
        if (waiter.method === message.method && waiter.check(message.params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(message.params);
        }
      }
    }
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.server.stdin.write(body);
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (message) => (message.error ? reject(new Error(message.error.message)) : resolve(message.result as T)));
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The next notification `method` whose params pass `check`. */
  next<T>(method: string, check: (params: T) => boolean): Promise<T> {
    return new Promise((resolve) => this.waiters.push({ method, check: check as (params: unknown) => boolean, resolve: resolve as (params: unknown) => void }));
  }

  async stop(): Promise<void> {
    await this.request('shutdown', null).catch(() => undefined);
    this.notify('exit', null);
    this.server.kill();
  }
}

// A scenario where the schema sits: the modeline's relative path is resolved against the document.
const URI = pathToFileURL(join(REPO, 'scenarios', 'lsp-test', 'editing.yaml')).href;
const TEXT = `# yaml-language-server: $schema=../../schema/scenario.schema.json
description: Written in an editor.
kernel:
  profile: v6.15
nodes:
  smmu: { compatible: [arm,mmu-500], iommu-cells: 1 }
  dpu:
    compatible: [acme,dpu]
    iommus: [smmu 0x800]
    clokcs: [cmu 1]
    
drivers:
  acme-dpu: { compatible: [acme,dpu] }
expect:
  dpu: { state: bound }
`;

/** The 0-based LSP position of `needle`'s first character (plus `offset`), found in TEXT from the `after` text on. */
function positionOf(needle: string, offset = 0, after = ''): { line: number; character: number } {
  const index = TEXT.indexOf(needle, TEXT.indexOf(after)) + offset;
  const before = TEXT.slice(0, index).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

type CompletionList = { items: { label: string }[] } | { label: string }[];
const labels = (list: CompletionList) => (Array.isArray(list) ? list : list.items).map((item) => item.label);
type Hover = { contents: string | { value: string } | (string | { value: string })[] };
const hoverText = (hover: Hover) => (Array.isArray(hover.contents) ? hover.contents : [hover.contents]).map((part) => (typeof part === 'string' ? part : part.value)).join('\n');

const lsp = suite('schema over LSP (yaml-language-server)');
let client: LspClient;
type Published = { uri: string; diagnostics: { message: string; range: { start: { line: number } } }[] };
let diagnostics: Promise<Published>;

lsp.before(async () => {
  client = new LspClient();
  await client.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(REPO).href,
    capabilities: { textDocument: { completion: { completionItem: { snippetSupport: false } }, hover: { contentFormat: ['plaintext', 'markdown'] } }, workspace: { configuration: true } },
  });
  client.notify('initialized', {});
  client.notify('workspace/didChangeConfiguration', { settings: { yaml: { validate: true, hover: true, completion: true } } });
  diagnostics = client.next<Published>('textDocument/publishDiagnostics', (params) => params.uri === URI && params.diagnostics.length > 0);
  client.notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
});

lsp.after(async () => {
  await client.stop();
});

lsp('completion inside kernel: offers every knob of the knob table', async () => {
  const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: URI }, position: positionOf('profile: v6.15') });
  const offered = labels(list);
  for (const key of ['profile', ...KERNEL_KEYS]) assert.ok(offered.includes(key), `${key} in ${offered.join(' ')}`);
});

lsp('completion in a node offers the reference kinds and the *-cells keys', async () => {
  const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: URI }, position: { line: positionOf('clokcs').line + 1, character: 4 } });
  const offered = labels(list);
  for (const key of ['clocks', 'power-domains', 'clock-cells', 'iommu-cells', 'power-domain-cells', 'dma-coherent']) assert.ok(offered.includes(key), `${key} in ${offered.join(' ')}`);
});

lsp('completion of expect state offers the final states', async () => {
  const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: URI }, position: positionOf('bound }', 0, 'expect:') });
  const offered = labels(list);
  for (const state of ['bound', 'pending', 'failed', 'no-driver', 'unbound']) assert.ok(offered.includes(state), `${state} in ${offered.join(' ')}`);
});

lsp('hover on iommus: shows its own description', async () => {
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: positionOf('iommus:', 2) });
  assert.ok(hoverText(hover).includes(SUPPLIER_KINDS.iommus.description), hoverText(hover));
});

lsp('a misspelt key gets a diagnostic at its own line', async () => {
  const published = await diagnostics;
  const line = positionOf('clokcs').line;
  const found = published.diagnostics.find((diagnostic) => diagnostic.range.start.line === line);
  assert.ok(found, JSON.stringify(published.diagnostics));
  assert.match(found!.message, /clokcs/);
});

lsp('the schema the editor reads is the committed one', () => {
  assert.ok(readFileSync(join(REPO, 'schema/scenario.schema.json'), 'utf8').includes('"iommu-cells"'));
});

lsp.run();
