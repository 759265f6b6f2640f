import type { TargetStatus } from '@pcsp/contract/targets.contract';

const TAGS: Record<TargetStatus, { text: string; modifier: string }> = {
  on_track: { text: 'On track', modifier: 'nhsuk-tag--green' },
  uncertain: { text: 'Uncertain', modifier: 'nhsuk-tag--yellow' },
  off_track: { text: 'Off track', modifier: 'nhsuk-tag--red' },
  met: { text: 'Met', modifier: 'nhsuk-tag--green' },
  missed: { text: 'Missed', modifier: 'nhsuk-tag--red' },
};

/** Whether an area is on track for its target, as an NHS tag (words as well as colour). */
export function TargetStatusTag({ status }: { status: TargetStatus | null }) {
  if (!status) return <span className="app-muted">too few months to project</span>;
  const tag = TAGS[status];
  return <strong className={`nhsuk-tag ${tag.modifier}`}>{tag.text}</strong>;
}
