/**
 * A complainant's abuse score and risk level (MISSION item 15), as the queue
 * shows and filters them and the evidence view's history panel explains them.
 */
import { abuseScore, riskLevel, type ComplainantStats, type RiskLevel, type SanctionKind } from '@openipp/shared';
import type { ComplainantStatsRow, Store, StoreTransaction } from '../../store';

const HOUR_MS = 3_600_000;

type RiskReader = Pick<Store, 'complainantStats' | 'abuseCounts' | 'liveSanction'>;

export interface ComplainantRiskInputs {
  stats: ComplainantStatsRow;
  /** Distinct complaints reviewers marked wrongful, and malicious. */
  wrongful: number;
  malicious: number;
  /** The sanction in force, the harsher one if both are. */
  sanction: SanctionKind | null;
}

/**
 * Everything the score and the level are computed from: the record of
 * decided listings, the abuse marks, and the sanction in force. The one place
 * that gathers them, so the queue's stored level and the evidence view agree.
 */
export async function complainantRiskInputs(store: RiskReader, tenantId: string): Promise<ComplainantRiskInputs> {
  const [stats, abuse, suspended, enhanced] = await Promise.all([
    store.complainantStats(tenantId),
    store.abuseCounts(tenantId),
    store.liveSanction(tenantId, 'filing_suspended'),
    store.liveSanction(tenantId, 'enhanced_review'),
  ]);
  const sanction = suspended !== undefined ? 'filing_suspended' : enhanced !== undefined ? 'enhanced_review' : null;
  return { stats, wrongful: abuse.wrongful, malicious: abuse.malicious, sanction };
}

export function scoreOf(inputs: ComplainantRiskInputs): { score: number; level: RiskLevel } {
  const { stats } = inputs;
  const score = abuseScore({
    wrongful: inputs.wrongful,
    malicious: inputs.malicious,
    rejected: stats.rejected,
    reversed: stats.reversed,
    decided: stats.upheld + stats.rejected,
  });
  return { score, level: riskLevel(score, inputs.sanction) };
}

/**
 * Recomputes the tenant's stored risk inside the transaction that changed one
 * of its inputs — a decision, an abuse mark, a sanction imposed or lifted —
 * so the queue's risk filter never reads a level older than the last commit.
 */
export async function refreshComplainantRisk(tx: StoreTransaction, tenantId: string, now: number): Promise<RiskLevel> {
  const { score, level } = scoreOf(await complainantRiskInputs(tx, tenantId));
  await tx.putComplainantRisk({ tenantId, score, level, updatedAt: now });
  return level;
}

export function toComplainantStats(row: ComplainantStatsRow): ComplainantStats {
  return {
    complaints: { submitted: row.submitted, open: row.open, decided: row.decided, withdrawn: row.withdrawn },
    listings: { upheld: row.upheld, rejected: row.rejected, pending: row.pending, reversed: row.reversed },
    medianHoursToDecision: row.medianMsToDecision === null ? null : row.medianMsToDecision / HOUR_MS,
  };
}

/** The evidence view's history panel. */
export async function complainantHistory(store: RiskReader, tenantId: string) {
  const inputs = await complainantRiskInputs(store, tenantId);
  const { score, level } = scoreOf(inputs);
  return {
    stats: toComplainantStats(inputs.stats),
    abuse: { wrongful: inputs.wrongful, malicious: inputs.malicious, score },
    sanction: inputs.sanction,
    risk: level,
  };
}
