import type { AttestedItem, GateId, GateSummary, LadderItem, MeasuredItem } from '../api/ladder.js';

export type { AttestedItem, GateId, ItemKind, LadderItem, MeasuredItem } from '../api/ladder.js';

export interface Gate extends GateSummary {
  items: LadderItem[];
}

const measured = (gateId: GateId, id: string, title: string, counts: string, produceWith: string): MeasuredItem => ({ kind: 'measured', gateId, id, title, counts, produceWith });
const attested = (gateId: GateId, id: string, title: string, counts: string, linkTo: string): AttestedItem => ({ kind: 'attested', gateId, id, title, counts, linkTo });

export const GATES: readonly Gate[] = [
  {
    id: 'entry-to-mid',
    from: 'entry',
    to: 'mid',
    title: 'Entry → Mid',
    items: [
      measured('entry-to-mid', 'e2e-inference', 'A model carried from real images through inference',
        'A completed run that read real image files, preprocessed them, ran the model and postprocessed the outputs, each stage timed. A test machine is enough.',
        'edgelab bench MODEL --images DIR'),
      measured('entry-to-mid', 'eval-case', 'A model checked against saved test data',
        'A completed run whose outputs matched expected outputs (ONNX test-data sets: every set within tolerance) or were scored for accuracy. A check that failed does not count.',
        'edgelab eval MODEL --test-data DIR'),
      attested('entry-to-mid', 'eval-protocol', "Can explain the team's evaluation protocol and added a test case to it",
        'Your own summary of how the team evaluates models, and the test case you contributed.',
        'the merged test case or the protocol document'),
      attested('entry-to-mid', 'reviewed-change', 'A model or preprocessing change merged after senior review',
        'A change to a model or its preprocessing that a senior engineer reviewed and that was merged.',
        'the merged pull request'),
    ],
  },
  {
    id: 'mid-to-senior',
    from: 'mid',
    to: 'senior',
    title: 'Mid → Senior',
    items: [
      attested('mid-to-senior', 'production-deploy', 'A model deployed to production or near-production',
        'A model running in a real production or staging environment; a notebook or a demo does not count.',
        'the deployment change, release notes or runbook'),
      measured('mid-to-senior', 'profile-explained', 'Latency profiled per operator on a named hardware target, bottlenecks explained',
        'A completed run with an op-level profile, recorded on identified hardware, plus your own written explanation of where the time goes (edgelab ladder explain RUN).',
        'edgelab bench MODEL --profile, then edgelab ladder explain RUN --note TEXT'),
      measured('mid-to-senior', 'benchmark-upkeep', 'A benchmark suite kept running over time',
        'The same benchmark suite run on at least two different days.',
        'edgelab run SUITE.yaml (on two different days)'),
      attested('mid-to-senior', 'benchmark-relied-on', 'Evaluation benchmarks a senior engineer relies on',
        'Benchmarks you wrote and maintain that a senior engineer uses for their own decisions.',
        'the benchmark repository, or where a senior engineer cites it'),
      attested('mid-to-senior', 'deployment-signoff', 'A deployment decision signed off by a senior engineer',
        'A decision about how or where a model is deployed (not how it is trained) that a senior engineer approved.',
        'the sign-off thread or the approved decision record'),
    ],
  },
  {
    id: 'senior-to-staff',
    from: 'senior',
    to: 'staff',
    title: 'Senior → Staff / Principal',
    items: [
      measured('senior-to-staff', 'edge-realtime', 'A real-time target met on an edge device',
        'A completed run on a Jetson or another ARM board whose real-time target (a latency bound of at most 100 ms or a frame rate of at least 10 FPS) passed. Laptops, desktops and servers are not edge devices.',
        'edgelab bench MODEL --target realtime-30 (on the edge device)'),
      attested('senior-to-staff', 'edge-shipped', 'A vision model shipped to production edge hardware under real-time constraints',
        'The model in production on edge hardware with a real-time requirement; cloud-only does not count.',
        'the release, the fleet rollout or the product page'),
      attested('senior-to-staff', 'design-doc', 'A design document for a new vision subsystem, written and presented',
        'A technical design you wrote for a new subsystem and presented to the people who build or depend on it.',
        'the design document'),
      attested('senior-to-staff', 'eval-protocol-led', 'An evaluation protocol you led that another engineer depends on',
        'An evaluation protocol you designed and ran that someone else now relies on.',
        'the protocol document or its test suite'),
      measured('senior-to-staff', 'variant-tradeoff', 'Model variants compared on accuracy, speed and size',
        'Two or more different model files measured on the same machine, each with an accuracy figure, so accuracy, latency and file size can be set side by side.',
        'edgelab eval VARIANT --images DIR --labels FILE (top-1), or edgelab eval VARIANT --labels FORMAT --annotations GT --images DIR --decoder NAME (mAP, mIoU or hmean), for each variant on one machine'),
      attested('senior-to-staff', 'tradeoff-accepted', 'A tradeoff turned into a business recommendation that was accepted',
        'An accuracy / speed / hardware-cost tradeoff written up as a recommendation and accepted by the people who own the budget or the product. A brief signed off as accepted (edgelab brief, then edgelab brief sign-off) is this evidence; a rejected one is kept and is not.',
        'the recommendation and the decision that accepted it'),
    ],
  },
  {
    id: 'staff-practice',
    from: 'staff',
    to: 'staff',
    title: 'Operating at Staff / Principal',
    items: [
      attested('staff-practice', 'org-architecture', 'An architecture decision that changed how the organisation builds or deploys vision systems',
        'A documented decision that was adopted and is still in use (edgelab adr new writes the record).',
        'the decision record and where it is applied'),
      attested('staff-practice', 'eval-infrastructure', 'Runs or delegates the evaluation infrastructure',
        'You own the evaluation infrastructure, directly or through people you delegate to.',
        'the infrastructure repository or its ownership page'),
      attested('staff-practice', 'mentorship', 'Grew a mid-level or senior engineer through explicit technical mentorship',
        'Mentorship with a stated technical goal that the other engineer reached.',
        'a mentorship plan or the mentee’s own account'),
      attested('staff-practice', 'exec-limitations', "Explained a model's limitations to executives and changed the roadmap",
        'A model limitation explained to executives that led to a change in the product roadmap.',
        'the presentation or the roadmap change'),
    ],
  },
];

export const ALL_ITEMS: readonly LadderItem[] = GATES.flatMap((g) => g.items);

export function findItem(id: string): LadderItem | undefined {
  return ALL_ITEMS.find((item) => item.id === id);
}

export function gateById(id: GateId): Gate {
  const gate = GATES.find((g) => g.id === id);
  if (!gate) throw new Error(`No ladder gate ${id}`);
  return gate;
}
