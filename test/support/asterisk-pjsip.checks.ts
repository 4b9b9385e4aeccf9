import { type ConfigProblem, type ConfigSection, parseAsteriskConfig, valuesOf } from './asterisk-config';

const PJSIP_TYPES = [
  'transport',
  'endpoint',
  'aor',
  'auth',
  'identify',
  'registration',
  'global',
  'system',
  'acl',
];
const PJSIP_REFERENCES: Array<{ key: string; type: string }> = [
  { key: 'aors', type: 'aor' },
  { key: 'auth', type: 'auth' },
  { key: 'outbound_auth', type: 'auth' },
  { key: 'transport', type: 'transport' },
  { key: 'endpoint', type: 'endpoint' },
];

/** pjsip.conf rules res_pjsip's sorcery applies on load: a known type per object, references that resolve. */
export function checkPjsipConf(text: string): ConfigProblem[] {
  const config = parseAsteriskConfig(text);
  const problems = [...config.problems];
  const byName = new Map(config.sections.map((section) => [section.name, section]));
  const typeOf = (section: ConfigSection): string | undefined => {
    const own = valuesOf(section, 'type').at(-1);
    if (own !== undefined) return own;
    for (const template of section.templates) {
      const parent = config.sections.find((candidate) => candidate.name === template && candidate.isTemplate);
      const inherited = parent && typeOf(parent);
      if (inherited) return inherited;
    }
    return undefined;
  };
  const objects = config.sections.filter((section) => !section.isTemplate);
  const defined = new Set(objects.map((section) => `${typeOf(section)}:${section.name}`));
  for (const section of objects) {
    const type = typeOf(section);
    if (type === undefined || !PJSIP_TYPES.includes(type)) {
      problems.push({
        line: section.line,
        message: `[${section.name}] has no known type (got ${type ?? 'none'})`,
      });
      continue;
    }
    for (const { key, type: wanted } of PJSIP_REFERENCES) {
      for (const value of valuesOf(section, key)) {
        for (const name of value.split(',').map((part) => part.trim())) {
          if (!defined.has(`${wanted}:${name}`)) {
            problems.push({
              line: section.line,
              message: `[${section.name}] ${key} names no ${wanted} "${name}"`,
            });
          }
        }
      }
    }
  }
  if (byName.size === 0) problems.push({ line: 1, message: 'no sections at all' });
  return problems;
}
