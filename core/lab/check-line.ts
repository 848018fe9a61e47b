/** One line of `npm run check:gpu`: what was checked, how it went, and why. */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface CheckLine {
  status: CheckStatus;
  item: string;
  detail: string;
}
