import { InitialSchema1795325655306 } from './1795325655306-InitialSchema.js';
import { InstrumentImmutabilityAndReportIndexes1795326643621 } from './1795326643621-InstrumentImmutabilityAndReportIndexes.js';
import { CertificateNumberReservations1795327011541 } from './1795327011541-CertificateNumberReservations.js';
import { CertificateSweepIndex1795327890238 } from './1795327890238-CertificateSweepIndex.js';
import { ReserveCertificateNumberFunction1795328351934 } from './1795328351934-ReserveCertificateNumberFunction.js';
import { ProgressNameSortIndex1795329939940 } from './1795329939940-ProgressNameSortIndex.js';
import { CompleteLessonFunction1795330884412 } from './1795330884412-CompleteLessonFunction.js';

/** Every migration, in order. Listed explicitly so the same list works compiled and under jest. */
export const migrations = [
  InitialSchema1795325655306,
  InstrumentImmutabilityAndReportIndexes1795326643621,
  CertificateNumberReservations1795327011541,
  CertificateSweepIndex1795327890238,
  ReserveCertificateNumberFunction1795328351934,
  ProgressNameSortIndex1795329939940,
  CompleteLessonFunction1795330884412,
];
