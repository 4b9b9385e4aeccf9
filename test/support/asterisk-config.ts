/**
 * A checker of Asterisk's config file grammar (main/config.c), for tests on a machine without
 * Asterisk. It reads what `asterisk -C` reads: `;` comments (`\;` is a literal semicolon),
 * `;-- … --;` block comments, `#include`/`#tryinclude`/`#exec`, sections `[name]`,
 * `[name](!)`, `[name](template,…)`, `[name](+)`, and `key = value` / `key => value`.
 * It is stricter than Asterisk where Asterisk would only warn and go on: a key must be a plain
 * word and a setting must sit in a section.
 */

export interface ConfigProblem {
  line: number;
  message: string;
}

export interface ConfigSetting {
  line: number;
  key: string;
  operator: '=' | '=>';
  value: string;
}

export interface ConfigSection {
  line: number;
  name: string;
  isTemplate: boolean;
  /** `[name](+)`: adds to an earlier section of the same name. */
  isAddition: boolean;
  templates: string[];
  settings: ConfigSetting[];
}

export interface ParsedConfig {
  sections: ConfigSection[];
  includes: Array<{ line: number; directive: string; target: string }>;
  problems: ConfigProblem[];
}

const KEY = /^[A-Za-z0-9_.+-]+$/;
const SECTION_NAME = /^[^[\]]+$/;

/** Removes comments, returning the code left on each line (block comments may span lines). */
function stripComments(text: string): { lines: string[]; problems: ConfigProblem[] } {
  const out: string[] = [];
  const problems: ConfigProblem[] = [];
  let blockStart: number | null = null;
  text.split(/\r?\n/).forEach((raw, index) => {
    let code = '';
    let i = 0;
    while (i < raw.length) {
      if (blockStart !== null) {
        const end = raw.indexOf('--;', i);
        if (end === -1) {
          i = raw.length;
          continue;
        }
        blockStart = null;
        i = end + 3;
        continue;
      }
      const char = raw[i];
      if (char === ';') {
        if (code.endsWith('\\')) {
          code = `${code.slice(0, -1)};`;
          i += 1;
          continue;
        }
        if (raw.startsWith(';--', i)) {
          blockStart = index + 1;
          i += 3;
          continue;
        }
        break;
      }
      code += char;
      i += 1;
    }
    out.push(code.trim());
  });
  if (blockStart !== null)
    problems.push({ line: blockStart, message: 'block comment ;-- is never closed with --;' });
  return { lines: out, problems };
}

function parseSectionHeader(code: string, line: number, problems: ConfigProblem[]): ConfigSection | null {
  const match = /^\[([^\]]*)\](?:\(([^)]*)\))?(.*)$/.exec(code);
  if (!match) {
    problems.push({ line, message: `section header "${code}" is not [name] or [name](options)` });
    return null;
  }
  const [, name = '', options, rest = ''] = match;
  if (!SECTION_NAME.test(name) || name.trim() !== name) {
    problems.push({ line, message: `section name "${name}" is empty or has blanks around it` });
  }
  if (rest.trim() !== '')
    problems.push({ line, message: `unexpected "${rest.trim()}" after the section header` });
  const parts = options === undefined ? [] : options.split(',').map((part) => part.trim());
  if (parts.some((part) => part === '')) problems.push({ line, message: `empty option in "(${options})"` });
  return {
    line,
    name,
    isTemplate: parts.includes('!'),
    isAddition: parts.includes('+'),
    templates: parts.filter((part) => part !== '!' && part !== '+' && part !== ''),
    settings: [],
  };
}

function parseDirective(code: string, line: number, config: ParsedConfig): void {
  const match = /^#(include|tryinclude|exec)\s+(.+)$/.exec(code);
  if (!match) {
    config.problems.push({
      line,
      message: `unknown directive "${code}" (expected #include, #tryinclude or #exec)`,
    });
    return;
  }
  const target = (match[2] as string).trim().replace(/^"(.*)"$/, '$1');
  if (target === '') config.problems.push({ line, message: `#${match[1]} names no file` });
  config.includes.push({ line, directive: match[1] as string, target });
}

export function parseAsteriskConfig(text: string): ParsedConfig {
  const stripped = stripComments(text);
  const config: ParsedConfig = { sections: [], includes: [], problems: [...stripped.problems] };
  const definedTemplates = new Set<string>();
  for (const [index, code] of stripped.lines.entries()) {
    const line = index + 1;
    if (code === '') continue;
    if (code.startsWith('#')) {
      parseDirective(code, line, config);
      continue;
    }
    if (code.startsWith('[')) {
      const section = parseSectionHeader(code, line, config.problems);
      if (section === null) continue;
      for (const template of section.templates) {
        if (!definedTemplates.has(template)) {
          config.problems.push({
            line,
            message: `template "${template}" is not defined above [${section.name}]`,
          });
        }
      }
      if (section.isTemplate) definedTemplates.add(section.name);
      config.sections.push(section);
      continue;
    }
    const equals = code.indexOf('=');
    if (equals === -1) {
      config.problems.push({ line, message: `"${code}" is neither a section, a directive nor key = value` });
      continue;
    }
    const key = code.slice(0, equals).trim();
    const isArrow = code[equals + 1] === '>';
    const value = code.slice(equals + (isArrow ? 2 : 1)).trim();
    if (!KEY.test(key)) config.problems.push({ line, message: `"${key}" is not a valid key` });
    const section = config.sections.at(-1);
    if (section === undefined) {
      config.problems.push({ line, message: `"${key}" appears before any [section]` });
      continue;
    }
    section.settings.push({ line, key, operator: isArrow ? '=>' : '=', value });
  }
  return config;
}

/** The values of `key` in a section, in order (Asterisk allows a key to repeat, e.g. `allow`). */
export function valuesOf(section: ConfigSection, key: string): string[] {
  return section.settings.filter((setting) => setting.key === key).map((setting) => setting.value);
}

export function formatProblems(file: string, problems: readonly ConfigProblem[]): string {
  return problems.map((problem) => `${file}:${problem.line}: ${problem.message}`).join('\n');
}
