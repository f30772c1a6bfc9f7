import type { LocalText } from '../../../core/packs/packSchema.js';
import type { SelfIdQuestion } from '../../shared/contract/selfid.js';
import type { z } from 'zod';

export type Question = z.infer<typeof SelfIdQuestion>;
export const t = (zh: string, en: string): LocalText => ({ 'zh-CN': zh, en });

/** Default categories; a jurisdiction setting (settings key 'selfid.questions', JSON) replaces them. */
export const DEFAULT_SELFID: Question[] = [
  {
    id: 'gender',
    label: t('性别', 'Gender'),
    options: [
      { id: 'female', label: t('女', 'Female') },
      { id: 'male', label: t('男', 'Male') },
      { id: 'another', label: t('其他', 'Another gender') },
    ],
  },
  {
    id: 'ageBand',
    label: t('年龄段', 'Age band'),
    options: [
      { id: '16-24', label: t('16–24 岁', '16–24') },
      { id: '25-39', label: t('25–39 岁', '25–39') },
      { id: '40-54', label: t('40–54 岁', '40–54') },
      { id: '55+', label: t('55 岁及以上', '55 or over') },
    ],
  },
];
