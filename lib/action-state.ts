/** What a server action returns to its form (shared by server and client components). */
export type ActionState<T = unknown> =
  | { status: 'idle' }
  | { status: 'success'; message: string; data?: T }
  | {
      status: 'error';
      code: number;
      message: string;
      fieldErrors?: Record<string, string[]>;
      values?: Record<string, string>;
    };

export const IDLE: ActionState<never> = { status: 'idle' };
