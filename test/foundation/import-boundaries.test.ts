import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../support/processes';

/** Every TypeScript source under a folder, as repository paths ('ivr/calls/media.ts'). */
function sources(folder: string): string[] {
  return readdirSync(path.join(REPO_ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => path.posix.join(folder, file.split(path.sep).join('/')));
}

/** What a file imports: repository paths for relative imports, package names for the rest. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/^(?:import|export)[^'";]*?from\s+'([^']+)'/gm)].map(
    (match) => match[1] as string,
  );
  return specifiers.map((specifier) =>
    specifier.startsWith('.')
      ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier))
      : specifier,
  );
}

function violations(files: string[], forbidden: (target: string, file: string) => boolean): string[] {
  return files.flatMap((file) =>
    importsOf(file)
      .filter((target) => forbidden(target, file))
      .map((target) => `${file} → ${target}`),
  );
}

describe('who may import what (the folders README files describe)', () => {
  it('core imports neither the IVR, the server, nor the scripts', () => {
    assert.deepEqual(
      violations(sources('core'), (target) => /^(ivr|server|scripts|dialplans)\//.test(target)),
      [],
    );
  });

  it('the IVR never imports the server', () => {
    assert.deepEqual(
      violations(sources('ivr'), (target) => target.startsWith('server/')),
      [],
    );
  });

  it('of the IVR, only server/telephony.ts builds parts; the rest of the server reads its types and ports', () => {
    const builders = sources('server')
      .filter((file) => file !== 'server/telephony.ts')
      .flatMap((file) =>
        [
          ...readFileSync(path.join(REPO_ROOT, file), 'utf8').matchAll(
            /^import\s+(?!type\b)[^'";]*?from\s+'([^']+)'/gm,
          ),
        ]
          .map((match) => path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1] as string)))
          .filter((target) => target.startsWith('ivr/') && !target.endsWith('.port'))
          .map((target) => `${file} → ${target}`),
      );
    assert.deepEqual(builders, []);
  });

  it('the service imports no ari-client (a dev dependency: the emulator tests and the bench), asterisk-manager only in ivr/ami', () => {
    const app = [...sources('core'), ...sources('ivr'), ...sources('server')];
    assert.deepEqual(
      violations(
        app,
        (target, file) =>
          target === 'ari-client' || (target === 'asterisk-manager' && !file.startsWith('ivr/ami/')),
      ),
      [],
    );
  });

  it("ARI's REST paths are written only in ivr/ari: the rest reaches Asterisk through its ports", () => {
    const app = [...sources('core'), ...sources('ivr'), ...sources('server')].filter(
      (file) => !file.startsWith('ivr/ari/'),
    );
    const speaksAri = app.filter((file) =>
      /\bari\/(recordings|channels|bridges|applications|events|playbacks|asterisk|endpoints)\b/.test(
        readFileSync(path.join(REPO_ROOT, file), 'utf8'),
      ),
    );
    assert.deepEqual(speaksAri, []);
  });

  it('a call step reaches Asterisk and the ticket only through the call context: no other step, no ARI, AMI or database', () => {
    const steps = sources('ivr/calls/steps');
    assert.ok(steps.length >= 4, `found the steps: ${steps.join(', ')}`);
    assert.ok(
      importsOf('ivr/calls/steps/forward.step.ts').includes('ivr/calls/call-context'),
      'imports are read',
    );
    assert.deepEqual(
      violations(
        steps,
        (target) =>
          /^(ivr\/calls\/steps|ivr\/ari|ivr\/ami|core\/db|core\/tickets|server)\//.test(target) ||
          ['knex', 'pg', 'ari-client', 'asterisk-manager'].includes(target),
      ),
      [],
    );
  });

  it("the web app takes the API's shapes from the server's zod schemas, type-only, and nothing that needs node", () => {
    const web = sources('server/web/src');
    const outside = (target: string) => target.startsWith('.') || /^(core|ivr|server|scripts)\//.test(target);
    // A schema module is read for its types alone: esbuild drops the import, so zod stays out of the bundle.
    const schemaValues = web.flatMap((file) =>
      [
        ...readFileSync(path.join(REPO_ROOT, file), 'utf8').matchAll(
          /^import\s+(?!type\b)[^'";]*?from\s+'([^']+\.schemas)'/gm,
        ),
      ].map((match) => `${file} → ${match[1]}`),
    );
    assert.deepEqual(schemaValues, []);
    // Everything the web reaches outside its folder imports zod or each other, never node or a package.
    const reached = new Set<string>();
    const queue = web
      .flatMap((file) => importsOf(file))
      .filter((t) => outside(t) && !t.startsWith('server/web/src/'));
    const packages: string[] = [];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (reached.has(file)) continue;
      reached.add(file);
      for (const target of importsOf(`${file}.ts`)) {
        if (outside(target)) queue.push(target);
        else if (target !== 'zod') packages.push(`${file} → ${target}`);
      }
    }
    assert.ok(reached.has('server/api/tickets/tickets.schemas'), [...reached].join(', '));
    assert.deepEqual(packages, []);
  });
});
