import type { RunProvenance } from '../api/run-provenance.js';
import type { RunRecord } from '../api/run-record.js';
import type { AccuracyImage, AccuracyImagesView } from '../api/accuracy-images.js';

/** An accuracy run's worst images for the HTML report, downscaled, as data URLs (core/lab/report-pictures.ts). */
export interface EmbeddedPictures {
  /** The run's view without its images (classes and thresholds); null when they could not be read. */
  view: Omit<AccuracyImagesView, 'images'> | null;
  images: Array<AccuracyImage & { dataUrl: string }>;
  /** Why no image is embedded, when none could be. */
  note: string | null;
}

/**
 * What every report needs besides the runs. Passed in rather than read from the clock, so that a
 * report is a pure function of its inputs and golden files stay byte-identical.
 */
export interface ReportContext {
  generatedAt: Date;
  /** The edgelab that wrote the report (may differ from the one that recorded the runs). */
  edgelabVersion?: string;
  /** Heading of the report; by default the run labels. */
  title?: string;
  /** The workspace ledger's head when the runs were read: a reviewer pins it (`runs verify --head`). */
  ledgerHead?: string | null;
  /** The head someone signed with an SSH key (`runs sign-head`), when the workspace holds one. */
  signedHead?: SignedHeadPin | null;
  /**
   * Runs merged from another device's bundle, by id, as the workspace's listing names them: a record
   * does not say it travelled, the merge entry does. Runs measured here are not listed.
   */
  merged?: Readonly<Record<string, RunProvenance>>;
  /** HTML: accuracy runs' worst images, by run id; read from the workspace by the lab, so a report stays a function of its inputs. */
  pictures?: Readonly<Record<string, EmbeddedPictures>>;
}

/** A signed head as reports print it: which head, and which signature file vouches for it. */
export interface SignedHeadPin {
  seq: number;
  entryHash: string;
  signatureSha256: string;
}

/** The words every format uses for the head to pin, so they read the same in each. */
export function headPinText(ctx: ReportContext): string | null {
  if (!ctx.ledgerHead) return null;
  const signed = ctx.signedHead
    ? `; signed head ${ctx.signedHead.entryHash} (seq ${ctx.signedHead.seq}, ledger.signed-head.sig SHA-256 ${ctx.signedHead.signatureSha256}; check with edgelab runs verify --allowed-signers FILE)`
    : '';
  return `evidence ledger head ${ctx.ledgerHead} (check with edgelab runs verify --head HASH)${signed}`;
}

/** One output format. Each lives in its own file; `exporters` in index.ts lists them. */
export interface Exporter {
  /** The `--format` value. */
  readonly format: string;
  /** File extension with its dot, for `--out` defaults and downloads. */
  readonly extension: string;
  /** Content-Type for `edgelab serve` and the app's save dialog. */
  readonly mediaType: string;
  readonly description: string;
  render(runs: RunRecord[], ctx: ReportContext): Promise<string>;
}
