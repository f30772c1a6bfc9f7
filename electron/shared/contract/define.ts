import type { z } from 'zod';

/** Who may call a channel. Manager/staff channels need a session that main holds. */
export type Role = 'public' | 'staff' | 'manager';

export type ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> = {
  input: I;
  output: O;
  role: Role;
};

export const channel = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, role: Role = 'public') => ({ input, output, role }) satisfies ChannelSpec<I, O>;

export type EventSpec<P extends z.ZodType = z.ZodType> = { payload: P };
