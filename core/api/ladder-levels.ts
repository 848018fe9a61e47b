/**
 * The ladder's data carries its own version: an exported record names the version it was judged
 * against, so a portfolio from last year still reads correctly after the wording or items change.
 */
export const LADDER_VERSION = 1 as const;

import type { LevelId } from './ladder.js';

export type { LevelId };

export interface Level {
  id: LevelId;
  title: string;
  typicalTenure: string;
  /** What the work at this level is judged by when the next step is decided. */
  movesYouUp: string;
  /** The usual reason people stay here longer than they meant to. */
  commonStall: string;
  /** How close to running models on real hardware the job gets. */
  deploymentExposure: string;
}

export const LEVELS: readonly Level[] = [
  {
    id: 'entry',
    title: 'Entry',
    typicalTenure: '0–2 years',
    movesYouUp: 'Carrying one model all the way from data and labels to a working inference, with guidance.',
    commonStall: 'Spending every week on labelling and preprocessing without ever running the model yourself.',
    deploymentExposure: 'Watches a deployment happen and runs test inference on hardware someone else chose.',
  },
  {
    id: 'mid',
    title: 'Mid',
    typicalTenure: '2–5 years',
    movesYouUp: 'Owning a whole vision subsystem: its data pipeline, training, evaluation and deployment.',
    commonStall: 'Training good models and then handing them to someone senior to deploy, so inference speed is never yours.',
    deploymentExposure: 'Owns getting the model into a staging environment.',
  },
  {
    id: 'senior',
    title: 'Senior',
    typicalTenure: '5–8 years',
    movesYouUp: 'Shipping real-time inference on production hardware, leading how models are evaluated, setting how the team deploys.',
    commonStall: 'Reaching for bigger models instead of more deployment scope, and keeping no written record of decisions.',
    deploymentExposure: 'Owns the model on production hardware and debugs its real-time behaviour.',
  },
  {
    id: 'staff',
    title: 'Staff / Principal',
    typicalTenure: '8+ years',
    movesYouUp: 'Architecture decisions that span several vision systems, the philosophy behind evaluation, the final word on whether a model can be trusted.',
    commonStall: 'Drifting back into hands-on modelling when the job has become architecture and influence.',
    deploymentExposure: 'Sets the production bar every vision system in the organisation has to clear.',
  },
];

export function levelById(id: LevelId): Level {
  const level = LEVELS.find((l) => l.id === id);
  if (!level) throw new Error(`No ladder level ${id}`);
  return level;
}
