import type { MetricModule } from '../bench';
import { auditMetric } from './audit';
import { backupMetric } from './backup';
import { clinicalAttachMetric } from './clinical-attach';
import { continuityMetric } from './continuity';
import { encryptionOverheadMetric } from './encryption-overhead';
import { importMetric } from './import';
import { openRawKeyMetric } from './open-raw-key';
import { recordsMetric } from './records';
import { timelineRenderMetric } from './timeline-render';
import { unlockMetric } from './unlock';

/** Every metric the bench reports, in the order it runs them. Later issues add their modules here. */
export const metrics: readonly MetricModule[] = [unlockMetric, openRawKeyMetric, clinicalAttachMetric, encryptionOverheadMetric, recordsMetric, continuityMetric, timelineRenderMetric, backupMetric, auditMetric, importMetric];
