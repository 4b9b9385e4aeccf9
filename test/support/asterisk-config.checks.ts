// Past 300 lines on purpose: one parser of extensions.conf and the checks that read its result
// (applications, brackets, jumps, DIALSTATUS handling, reachable contexts), sharing its types.
import { type ConfigProblem, parseAsteriskConfig } from './asterisk-config';

/** Dialplan applications a hotline config may use; anything else is most likely a typo. */
export const KNOWN_APPLICATIONS = [
  'Answer',
  'Background',
  'Busy',
  'Congestion',
  'Dial',
  'Echo',
  'ExecIf',
  'Gosub',
  'GosubIf',
  'Goto',
  'GotoIf',
  'Hangup',
  'Log',
  'NoOp',
  'Playback',
  'Progress',
  'Read',
  'Return',
  'Ringing',
  'SayDigits',
  'Set',
  'Stasis',
  'Verbose',
  'Wait',
  'WaitExten',
] as const;

const NON_CONTEXT_SECTIONS = ['general', 'globals'];
const CONTEXT_KEYS = ['exten', 'same', 'include', 'switch', 'ignorepat'];
const PRIORITY = /^(\d+|n(?:\+\d+)?|hint)(?:\(([A-Za-z0-9_-]+)\))?$/;
const APPLICATION = /^([A-Za-z][A-Za-z0-9_]*)(?:\((.*)\))?$/;
const PAIRS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Why the brackets of an application argument do not balance: (), [], {}, ${} and $[]; or null. */
export function bracketProblem(args: string): string | null {
  const stack: string[] = [];
  for (const char of args) {
    const closer = PAIRS[char];
    if (closer !== undefined) stack.push(closer);
    else if (char === ')' || char === ']' || char === '}') {
      const expected = stack.pop();
      if (expected !== char)
        return `unbalanced "${char}"${expected ? ` where "${expected}" was expected` : ''}`;
    }
  }
  return stack.length === 0 ? null : `unclosed bracket, "${stack.at(-1)}" missing`;
}

/** Splits on `separator` outside any brackets. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (PAIRS[char] !== undefined) depth += 1;
    else if (char === ')' || char === ']' || char === '}') depth -= 1;
    if (char === separator && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

interface Extension {
  line: number;
  lastPriority: number;
  labels: Set<string>;
}

interface Jump {
  line: number;
  context: string;
  exten: string;
  target: string;
}

interface Statement {
  line: number;
  context: string;
  exten: string;
  application: string;
}

/** Grammar plus the dialplan rules `dialplan reload` enforces or that make a call go nowhere. */
export function checkExtensionsConf(text: string): ConfigProblem[] {
  const config = parseAsteriskConfig(text);
  const problems = [...config.problems];
  const contexts = new Map<string, Map<string, Extension>>();
  const jumps: Jump[] = [];
  const statements: Statement[] = [];
  const includes: Array<{ line: number; from: string; context: string }> = [];

  for (const section of config.sections) {
    if (NON_CONTEXT_SECTIONS.includes(section.name)) continue;
    if (contexts.has(section.name) && !section.isAddition) {
      problems.push({ line: section.line, message: `context [${section.name}] is defined twice` });
    }
    const extensions = contexts.get(section.name) ?? new Map<string, Extension>();
    contexts.set(section.name, extensions);
    // The extension `same =>` continues.
    let current: string | null = null;
    for (const setting of section.settings) {
      const { line, key, value } = setting;
      if (!CONTEXT_KEYS.includes(key)) {
        problems.push({ line, message: `"${key}" is not a dialplan statement (exten, same, include...)` });
        continue;
      }
      if (key === 'include') {
        includes.push({ line, from: section.name, context: value });
        continue;
      }
      if (key !== 'exten' && key !== 'same') continue;
      if (setting.operator !== '=>') problems.push({ line, message: `write "${key} =>" (with the arrow)` });
      const fields = value.split(',');
      const exten: string = key === 'exten' ? (fields[0] ?? '') : (current ?? '');
      const priority: string = (key === 'exten' ? fields[1] : fields[0]) ?? '';
      const application = fields.slice(key === 'exten' ? 2 : 1).join(',');
      if (key === 'same' && current === null) {
        problems.push({ line, message: '"same =>" has no "exten =>" before it in this context' });
        continue;
      }
      if (exten === '' || /\s/.test(exten)) {
        problems.push({ line, message: `extension "${exten}" is empty or has blanks` });
        continue;
      }
      current = exten;
      const prio = PRIORITY.exec(priority.trim());
      if (!prio) {
        problems.push({ line, message: `priority "${priority}" is not a number, n, n+N or hint` });
        continue;
      }
      const [, step = '', label] = prio;
      const known = extensions.get(exten);
      if (step === 'hint') continue;
      let number: number;
      if (/^\d+$/.test(step)) number = Number(step);
      else if (known === undefined) {
        problems.push({
          line,
          message: `extension ${exten} starts with priority "${step}"; it must start at 1`,
        });
        continue;
      } else number = known.lastPriority + (step === 'n' ? 1 : Number(step.slice(2)));
      if (known === undefined && number !== 1) {
        problems.push({
          line,
          message: `extension ${exten} starts at priority ${number}; it must start at 1`,
        });
      }
      if (known !== undefined && number <= known.lastPriority) {
        problems.push({ line, message: `extension ${exten} priority ${number} repeats or goes backwards` });
      }
      const entry = known ?? { line, lastPriority: 0, labels: new Set<string>() };
      entry.lastPriority = number;
      if (label !== undefined) entry.labels.add(label);
      extensions.set(exten, entry);
      problems.push(...checkApplication(application, line));
      statements.push({ line, context: section.name, exten, application });
      jumps.push(
        ...jumpTargets(application).map((target) => ({ line, context: section.name, exten, target })),
      );
    }
  }
  for (const include of includes) {
    if (!contexts.has(include.context)) {
      problems.push({ line: include.line, message: `include of unknown context "${include.context}"` });
    }
  }
  for (const jump of jumps) {
    const problem = jumpProblem(jump, contexts);
    if (problem !== null) problems.push({ line: jump.line, message: problem });
  }
  problems.push(...dialStatusProblems(statements, jumps, includes));
  return problems.sort((a, b) => a.line - b.line);
}

function checkApplication(application: string, line: number): ConfigProblem[] {
  const match = APPLICATION.exec(application.trim());
  if (!match) return [{ line, message: `"${application}" is not App or App(arguments)` }];
  const [, name = '', args = ''] = match;
  const problems: ConfigProblem[] = [];
  if (!KNOWN_APPLICATIONS.some((known) => known.toLowerCase() === name.toLowerCase())) {
    problems.push({ line, message: `unknown application ${name}` });
  }
  const brackets = bracketProblem(args);
  if (brackets !== null) problems.push({ line, message: `${name}(): ${brackets}` });
  return problems;
}

/** Where Goto/GotoIf send the call, the contexts Dial's U() option runs, and pushed hangup handlers. */
function jumpTargets(application: string): string[] {
  const match = APPLICATION.exec(application.trim());
  const name = match?.[1]?.toLowerCase();
  const args = match?.[2] ?? '';
  if (name === 'goto') return [args];
  if (name === 'gotoif') {
    const branches = splitTopLevel(args, '?').slice(1).join('?');
    return splitTopLevel(branches, ':').filter((target) => target.trim() !== '');
  }
  if (name === 'set') {
    const handler = /^CHANNEL\(hangup_handler_push\)=([^(]+)/i.exec(args.trim());
    return handler?.[1] ? [handler[1]] : [];
  }
  if (name === 'dial') {
    const options = splitTopLevel(args, ',')[2] ?? '';
    const gosub = /U\(([^^)]+)/.exec(options);
    return gosub ? [`${gosub[1]},s,1`] : [];
  }
  return [];
}

/** The context, extension and priority a jump names, the missing ones taken from where it stands. */
function jumpDestination(jump: Jump): [string, string, string] {
  const parts = jump.target.split(',').map((part) => part.trim());
  const [context = '', exten = '', priority = ''] =
    parts.length === 3
      ? parts
      : parts.length === 2
        ? [jump.context, parts[0], parts[1]]
        : [jump.context, jump.exten, parts[0]];
  return [context, exten, priority];
}

function jumpProblem(jump: Jump, contexts: Map<string, Map<string, Extension>>): string | null {
  if (jump.target.includes('$')) return null;
  const [context, exten, priority] = jumpDestination(jump);
  const extensions = contexts.get(context);
  if (extensions === undefined) return `jump to unknown context "${context}"`;
  const extension = extensions.get(exten);
  if (extension === undefined) return `jump to unknown extension ${exten}@${context}`;
  if (/^\d+$/.test(priority)) {
    return Number(priority) <= extension.lastPriority
      ? null
      : `jump to missing priority ${priority} of ${exten}@${context}`;
  }
  return extension.labels.has(priority) ? null : `jump to unknown label "${priority}" in ${exten}@${context}`;
}

/**
 * The Dial options that run a subroutine on the called leg before bridging, with the context it
 * starts in and the variable app_dial reads back when it returns.
 */
const CALLEE_SUBROUTINES = [
  { option: 'U', context: (name: string) => name, variable: 'GOSUB_RESULT' },
  { option: 'M', context: (name: string) => `macro-${name}`, variable: 'MACRO_RESULT' },
] as const;

/**
 * The only results app_dial copies into DIALSTATUS. After CONTINUE, ABORT or GOTO:… the called leg
 * is hung up but Dial returns with DIALSTATUS=ANSWER (seen on Asterisk 22.10.1 for CONTINUE).
 */
const STATUS_RESULTS = ['BUSY', 'CONGESTION', 'CHANUNAVAIL'];

const TESTS_ANSWER = /\$\{DIALSTATUS\}"?\s*!?=\s*"?ANSWER\b|\bANSWER"?\s*!?=\s*"?\$\{DIALSTATUS\}/;

/**
 * A Dial whose subroutine can refuse the leg with a result that leaves DIALSTATUS=ANSWER, while
 * the same extension then tests DIALSTATUS against ANSWER: a refused leg passes for a taken call.
 */
function dialStatusProblems(
  statements: Statement[],
  jumps: Jump[],
  includes: Array<{ from: string; context: string }>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const dial of statements) {
    const match = APPLICATION.exec(dial.application.trim());
    if (match?.[1]?.toLowerCase() !== 'dial') continue;
    const options = splitTopLevel(match[2] ?? '', ',')[2] ?? '';
    const answerTest = statements.find(
      (later) =>
        later.context === dial.context &&
        later.exten === dial.exten &&
        later.line > dial.line &&
        TESTS_ANSWER.test(later.application),
    );
    if (answerTest === undefined) continue;
    for (const subroutine of CALLEE_SUBROUTINES) {
      const name = new RegExp(`${subroutine.option}\\(([^^)]+)`).exec(options)?.[1];
      if (name === undefined) continue;
      const reachable = reachableContexts(subroutine.context(name), jumps, includes);
      const setter = new RegExp(`(?<![A-Za-z0-9])_{0,2}${subroutine.variable}=([^),]*)`, 'i');
      for (const statement of statements) {
        const result = setter.exec(statement.application)?.[1]?.trim();
        if (result === undefined || result.includes('$') || !reachable.has(statement.context)) continue;
        if (STATUS_RESULTS.includes(result.toUpperCase())) continue;
        problems.push({
          line: dial.line,
          message:
            `Dial's ${subroutine.option}(${name}) sets ${subroutine.variable}=${result} (line ${statement.line}), ` +
            `after which Dial returns DIALSTATUS=ANSWER, but line ${answerTest.line} tests DIALSTATUS against ANSWER: ` +
            `a refused leg passes for an answered call; use ${STATUS_RESULTS.join(', ')}`,
        });
      }
    }
  }
  return problems;
}

/** The contexts a subroutine may run in: its own, and every one it jumps to or includes. */
function reachableContexts(
  start: string,
  jumps: Jump[],
  includes: Array<{ from: string; context: string }>,
): Set<string> {
  const reached = new Set([start]);
  const pending = [start];
  for (let context = pending.pop(); context !== undefined; context = pending.pop()) {
    const next = [
      ...jumps.filter((jump) => jump.context === context).map((jump) => jumpDestination(jump)[0]),
      ...includes.filter((include) => include.from === context).map((include) => include.context),
    ];
    for (const target of next) {
      if (reached.has(target)) continue;
      reached.add(target);
      pending.push(target);
    }
  }
  return reached;
}
