/**
 * Language resources for the generic text features. Kept small and readable on purpose: each
 * entry is something a store manager would agree marks structure, specificity or filler.
 */
export const STAR = {
  situation: {
    'zh-CN': ['有一次', '那次', '当时', '那时候', '之前在', '以前在', '记得有', '有个顾客', '有位顾客', '情况是', '上次'],
    en: ['once', 'one time', 'one day', 'there was a time', 'when i was', 'when i worked', 'at my last', 'last year', 'last month', 'a customer came', 'the situation'],
  },
  action: {
    'zh-CN': ['我就', '我马上', '我先', '然后我', '于是', '我主动', '我立刻', '我决定', '我赶紧', '我负责', '我去'],
    en: ['i decided', 'so i', 'i then', 'then i', 'i immediately', 'first i', 'i asked', 'i made sure', 'i took', 'i offered', 'i went'],
  },
  result: {
    'zh-CN': ['结果', '最后', '后来', '最终', '所以', '这样', '满意', '解决了', '没有再'],
    en: ['as a result', 'in the end', 'finally', 'eventually', 'the result', 'ended up', 'which meant', 'so that', 'was happy', 'was solved', 'thanked me'],
  },
} as const;
export type StarPart = keyof typeof STAR;

/** Chinese numerals count only with a measure word, so 一起/一下/一样 are not "numbers". */
export const ZH_NUMBER = /[零一二两三四五六七八九十百千万半几]+(?:个|次|天|年|月|周|个月|小时|分钟|位|名|件|单|元|块|岁|点|号|箱|包|人|遍|趟|单)/gu;
export const DIGITS = /\d+(?:[.:：]\d+)?(?:\s?(?:%|am|pm|元|块|点|分钟|小时|个|次|年|天|件|单|人))?/giu;
export const EN_NUMBER_WORDS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'twenty', 'thirty', 'fifty', 'hundred', 'dozen', 'half'];

export const TIMES = {
  'zh-CN': ['早上', '上午', '中午', '下午', '晚上', '凌晨', '周末', '昨天', '去年', '上周', '高峰', '节假日', '小时', '分钟', '星期'],
  en: [
    'morning',
    'afternoon',
    'evening',
    'night',
    'weekend',
    'yesterday',
    'last week',
    'rush hour',
    'minutes',
    'hours',
    'monday',
    'tuesday',
    'wednesday',
    'thursday',
    'friday',
    'saturday',
    'sunday',
    'holiday',
  ],
} as const;

export const PLACES = {
  'zh-CN': ['店里', '门店', '超市', '仓库', '门口', '收银台', '餐厅', '商场', '货架', '柜台', '小区', '路口', '公司', '学校', '便利店'],
  en: ['store', 'shop', 'supermarket', 'warehouse', 'entrance', 'checkout', 'counter', 'till', 'restaurant', 'mall', 'aisle', 'shelf', 'school', 'office', 'street'],
} as const;

/** Filler tokens as jieba segments them (zh) and as words (en). */
export const FILLERS_ZH = new Set(['嗯', '呃', '额', '啊', '那个', '就是', '然后然后', '这个这个']);
export const FILLERS_EN = new Set(['um', 'uh', 'erm', 'er', 'hmm', 'like', 'uhm', 'ah']);
export const FILLER_PHRASES_EN = ['you know', 'i mean', 'kind of', 'sort of'];

/** Words too common to show relevance, removed from question terms. */
export const STOP_ZH = new Set([
  '你',
  '我',
  '他',
  '她',
  '的',
  '了',
  '是',
  '在',
  '和',
  '会',
  '吗',
  '呢',
  '怎么',
  '什么',
  '一个',
  '如果',
  '时候',
  '请',
  '说',
  '做',
  '有',
  '没有',
  '这',
  '那',
  '一次',
  '讲讲',
  '说说',
  '描述',
  '经历',
  '为什么',
  '怎样',
  '哪些',
  '一位',
  '一些',
  '你们',
  '我们',
  '可以',
  '需要',
  '应该',
  '不用',
  '发生',
  '打算',
  '觉得',
  '知道',
]);
export const STOP_EN = new Set([
  'the',
  'and',
  'you',
  'your',
  'what',
  'when',
  'would',
  'how',
  'did',
  'tell',
  'about',
  'time',
  'this',
  'that',
  'with',
  'have',
  'from',
  'they',
  'were',
  'there',
  'which',
  'describe',
  'please',
  'why',
  'who',
  'does',
  'doing',
  'could',
  'should',
]);
