/**
 * V3 lorebook decorators: `@@name value` lines at the head of an entry's content. The importer
 * keeps them in the text (the engine strips them at prompt time) and also copies the ones with a
 * field of their own into that field, so the pack says plainly what the entry does.
 */

export interface DecoratorFields {
  activateOnlyAfter?: number;
  activateOnlyEvery?: number;
  scanDepth?: number;
  /** Insertion depth (the spec's `@@depth`): the text goes this many messages from the end. */
  depth?: number;
  role?: 'system' | 'user' | 'assistant';
  excludeKeys?: string[];
  additionalKeys?: string[];
}

const DECORATOR = /^@@(@?)([a-z_]+)(?:\s+(.*))?$/;

/**
 * The decorator fields of an entry's content. Only leading `@@` lines count, as the spec says;
 * a `@@@` fallback applies only when its decorator gave no value.
 */
export function readDecorators(content: string): DecoratorFields {
  const fields: DecoratorFields = {};
  for (const raw of content.trimStart().split('\n')) {
    const match = DECORATOR.exec(raw.trim());
    if (!match) break;
    const [, fallback, name, value = ''] = match;
    const int = /^\s*\d+\s*$/.test(value) ? Number.parseInt(value, 10) : undefined;
    const list = value
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    const setOnce = <K extends keyof DecoratorFields>(key: K, v: DecoratorFields[K] | undefined) => {
      if (v === undefined || (fallback && fields[key] !== undefined)) return;
      if (fields[key] === undefined) fields[key] = v;
    };
    switch (name) {
      case 'activate_only_after':
        setOnce('activateOnlyAfter', int);
        break;
      case 'activate_only_every':
        setOnce('activateOnlyEvery', int !== undefined && int > 0 ? int : undefined);
        break;
      case 'scan_depth':
        setOnce('scanDepth', int);
        break;
      case 'depth':
        setOnce('depth', int);
        break;
      case 'role':
        setOnce('role', /^(system|user|assistant)$/.test(value.trim()) ? (value.trim() as DecoratorFields['role']) : undefined);
        break;
      case 'exclude_keys':
        setOnce('excludeKeys', list.length ? list : undefined);
        break;
      case 'additional_keys':
        fields.additionalKeys = [...(fields.additionalKeys ?? []), ...list];
        break;
      default:
        break; // other decorators have no pack field; they stay in the text
    }
  }
  return fields;
}
