/**
 * Content categories by keyword, and which ratings allow them. Deliberately coarse: a keyword
 * lexicon catches the plain cases cheaply; the optional judge is there for the subtle ones.
 * Latin entries match on word boundaries, case-insensitively; a trailing `*` allows any ending.
 */
import type { Rating } from '../../world/types.js';

export type BoundaryCategory = 'sexual-explicit' | 'sexual-suggestive' | 'gore' | 'graphic-violence' | 'slur';

export const BOUNDARY_LEXICON: Readonly<Record<BoundaryCategory, readonly string[]>> = {
  'sexual-explicit': [
    'naked body', 'nude', 'genital*', 'penis', 'vagina', 'clitoris', 'erection', 'orgasm*', 'ejaculat*', 'intercourse',
    'have sex', 'having sex', 'had sex', 'fucking her', 'fucking him', 'thrust* inside', 'nipple*', 'masturbat*',
    '做爱', '性交', '阴茎', '阴道', '乳头', '高潮迭起', '射精', '自慰', '赤身裸体', '一丝不挂',
  ],
  'sexual-suggestive': [
    'undress* her', 'undress* him', 'strips off', 'lingerie', 'cleavage', 'aroused', 'moans with pleasure', 'lustful*',
    'seductive*', 'sensual*', 'straddle*', 'bedroom eyes',
    '宽衣解带', '情欲', '娇喘', '挑逗', '诱惑地', '欲火',
  ],
  gore: [
    'entrails', 'intestines', 'disembowel*', 'eviscerat*', 'decapitat*', 'severed head', 'flayed', 'brains spill*',
    'gore', 'gory', 'spurting blood', 'blood spurts', 'blood sprays', 'guts spill*', 'skull cracks open',
    '内脏', '肠子流', '开膛破肚', '血肉模糊', '脑浆', '断头', '鲜血喷涌', '剥皮',
  ],
  'graphic-violence': [
    'slits* his throat', 'slits* her throat', 'slit* their throat', 'stabs him again', 'stabs her again', 'beaten bloody',
    'beats him bloody', 'beats her bloody', 'bludgeon*', 'bone snaps', 'bones snap', 'tortur*', 'mutilat*', 'blood pools',
    '割断喉咙', '割喉', '一刀刀', '拷打', '折磨致死', '打得头破血流', '骨头断裂',
  ],
  slur: ['faggot*', 'retard', 'retarded', 'tranny', 'chink*', 'kike*', 'spic', 'spics', 'wetback*', 'nigger*', 'gook*'],
};

/** Words that mark a minor: with any sexual category, flagged at every rating. */
export const MINOR_WORDS: readonly string[] = [
  'child', 'children', 'kid', 'underage', 'minor', 'little girl', 'little boy', 'schoolgirl', 'schoolboy', 'preteen',
  'twelve-year-old', 'thirteen-year-old', 'fourteen-year-old', 'fifteen-year-old',
  '未成年', '小女孩', '小男孩', '幼女', '孩童', '女童', '男童', '小学生', '初中生',
];

/** Categories each rating forbids. */
export const FORBIDDEN_AT: Readonly<Record<Rating, readonly BoundaryCategory[]>> = {
  general: ['sexual-explicit', 'sexual-suggestive', 'gore', 'graphic-violence', 'slur'],
  teen: ['sexual-explicit', 'gore', 'slur'],
  mature: [],
};
