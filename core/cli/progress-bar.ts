import type { RunEvent } from '../api/events.js';
import { visibleLine } from '../present/visible-text.js';
import { rawStream } from './visible-output.js';

/**
 * A one-line progress bar on stderr, drawn only on a terminal so that logs and CI output stay
 * clean. It redraws from run events, which arrive between iterations, never inside a timed region.
 */
export class ProgressBar {
  private lastLine = '';
  private readonly stream: NodeJS.WriteStream;
  // It draws with ESC [2K, so it writes below the CLI's escaping, and escapes its own text instead.
  constructor(stream: NodeJS.WriteStream = process.stderr, private readonly width = 28) {
    this.stream = rawStream(stream);
  }

  get enabled(): boolean {
    return Boolean(this.stream.isTTY);
  }

  update(event: RunEvent): void {
    if (!this.enabled) return;
    if (event.type === 'phase') this.draw(phaseText[event.phase] ?? event.phase);
    if (event.type === 'progress') {
      const filled = Math.round(event.fraction * this.width);
      const bar = '█'.repeat(filled) + '░'.repeat(this.width - filled);
      this.draw(`${event.phase === 'warmup' ? 'warm-up' : 'measure'} ${bar} ${event.iterations} it · ${(event.elapsedMs / 1000).toFixed(1)} s · last ${event.lastMs.toFixed(2)} ms`);
    }
  }

  clear(): void {
    if (this.enabled && this.lastLine) this.stream.write('\r\x1b[2K');
    this.lastLine = '';
  }

  private draw(text: string): void {
    const line = visibleLine(text).slice(0, (this.stream.columns || 100) - 1);
    if (line === this.lastLine) return;
    this.lastLine = line;
    this.stream.write(`\r\x1b[2K${line}`);
  }
}

const phaseText: Record<string, string> = {
  load: 'reading model…',
  session: 'creating session…',
  'first-inference': 'first inference…',
  warmup: 'warm-up…',
  measure: 'measuring…',
  profile: 'profiling…',
  done: '',
};
