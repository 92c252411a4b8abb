// The README's code examples against the shipped types (README "Tests", types tier): every
// ```js / ```jsx / ```ts / ```tsx block is written to tests/out/readme-types/ and checked by
// tsc (`checkJs` for the JavaScript ones) against dist/consentry.d.ts. A block holding several
// files (`// app/layout.jsx` lines) is split into them. Names a block takes from its
// surroundings (`config`, `widget`, a framework's `App` or `router`) and the frameworks'
// modules are declared in globals.d.ts below; a block that is a fragment (an object written
// alone) is checked as the type the README says it is, by the rules in FRAGMENTS. A new block
// either compiles or needs a rule here: the examples cannot drift from the types.
// Run: node tests/types/readme.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'tests', 'out', 'readme-types');
const dist = process.env.CONSENTRY_DIST || join(root, 'dist');

/** Fragments: [first-line pattern, how to make a checked statement of the block]. */
const FRAGMENTS = [
  // A category entry of `categories` (Auto-blocking).
  [/^\w+: \{/, (code) => `/** @type {import('consentry').CookieConsentConfig['categories']} */\nexport const categories = {\n${code}\n};`],
  // What every consent pushes to dataLayer (Tag managers).
  [/^\{ event: 'consentry_update'/, (code) => `/** @type {import('consentry').ConsentryDataLayerEvent} */\nexport const pushed = ${code};`],
];

const GLOBALS = `// Names README examples take from around them, and the frameworks' modules as far as the
// examples use them (this checks consentry's types, not React's or Vue's).
declare const config: import('consentry').CookieConsentConfig;
declare const widget: HTMLElement;
declare const App: any;
declare const router: { isReady(): Promise<void> };
declare module 'react' {
  export function useEffect(effect: () => void | (() => void), deps?: unknown[]): void;
  export function useState<T>(initial: T): [T, (value: T) => void];
}
declare module 'vue' {
  export function createApp(root: unknown): { use(plugin: unknown): any; mount(selector: string): unknown };
  export function ref<T>(value: T): { value: T };
  export function onMounted(hook: () => void): void;
  export function onUnmounted(hook: () => void): void;
}
declare module '*.css';
declare namespace JSX {
  interface IntrinsicElements { [element: string]: any }
  type Element = any;
}
`;

/** The README's code blocks: { lang, line, code }. */
export function blocks(readme) {
  const list = [];
  let open = null;
  readme.split('\n').forEach((text, i) => {
    const fence = /^```(\w*)/.exec(text);
    if (!fence) {
      if (open) open.lines.push(text);
      return;
    }
    if (open) {
      if (['js', 'jsx', 'ts', 'tsx'].includes(open.lang)) list.push({ lang: open.lang, line: open.line, code: open.lines.join('\n') });
      open = null;
    } else open = { lang: fence[1], line: i + 1, lines: [] };
  });
  return list;
}

/** One block as files: { name, code }. `…` (elided parts) becomes nothing. */
function files(block) {
  const code = block.code.replaceAll('…', '');
  const fragment = FRAGMENTS.find(([pattern]) => pattern.test(code.trimStart()));
  const ext = block.lang;
  if (fragment) return [{ name: `block-${block.line}.${ext}`, code: fragment[1](code) }];
  // `// app/layout.jsx` starts another file when what follows has imports of its own (else
  // the README abbreviates, and the part stays with the one before).
  const parts = [];
  let current = { name: `block-${block.line}.${ext}`, lines: [] };
  for (const text of code.split('\n')) {
    const marker = /^\/\/ ((?:[\w-]+\/)*[\w-]+\.(?:jsx?|tsx?))\b/.exec(text);
    if (marker) {
      parts.push(current);
      current = { name: `block-${block.line}/${marker[1]}`, lines: [] };
    }
    current.lines.push(text);
  }
  parts.push(current);
  for (let i = parts.length - 1; i > 0; i--) {
    if (!parts[i].lines.some((l) => /^import\b/.test(l))) {
      parts[i - 1].lines.push(...parts[i].lines);
      parts.splice(i, 1);
    }
  }
  if (!parts[0].lines.some((l) => l.trim()) && parts.length > 1) parts.shift();
  // A module even when it imports nothing (its names stay its own).
  return parts.map((p) => ({ name: p.name, code: p.lines.join('\n') + '\nexport {};\n' }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const list = blocks(readFileSync(join(root, 'README.md'), 'utf8'));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const names = [];
  for (const block of list) {
    for (const f of files(block)) {
      mkdirSync(dirname(join(out, f.name)), { recursive: true });
      writeFileSync(join(out, f.name), f.code);
      names.push(f.name);
    }
  }
  writeFileSync(join(out, 'globals.d.ts'), GLOBALS);
  writeFileSync(
    join(out, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          noImplicitAny: false, // the README's JavaScript leaves parameters untyped
          allowUmdGlobalAccess: true, // `CookieConsent` of the script-tag build
          noEmit: true,
          allowJs: true,
          checkJs: true,
          jsx: 'preserve',
          target: 'es2022',
          lib: ['dom', 'es2022'],
          module: 'esnext',
          moduleResolution: 'bundler',
          allowImportingTsExtensions: true,
          types: [],
          paths: { consentry: [join(dist, 'consentry.d.ts')] },
        },
        files: ['globals.d.ts', ...names],
      },
      null,
      2,
    ),
  );
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', out], { stdio: 'inherit' });
  } catch {
    console.error(`readme types: the README's code examples do not compile against ${join(dist, 'consentry.d.ts')} (files in ${out})`);
    process.exit(1);
  }
  console.log(`readme types: ${list.length} code blocks of the README (${names.length} files) compile against the types`);
}
