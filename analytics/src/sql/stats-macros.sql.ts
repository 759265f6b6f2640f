import { Z_998 } from '../stats/funnel-limits';
import { Z_95 } from '../stats/wilson-interval';

// DuckDB reads 1.959964 as a DECIMAL; the exponent form is read as the same DOUBLE as in TypeScript.
const double = (x: number): string => x.toExponential();
const z = double(Z_95);
const z2 = `(${z} * ${z})`;

/**
 * DuckDB macros equal to the TypeScript statistics (stats-macros.spec.ts compares them to 1e-12):
 * wilson_low/high(num, den) = wilsonInterval, funnel_low/high(p0, n, z) = funnelLimit. Each returns NULL where the
 * TypeScript returns null: Wilson where num > den (a rate per 1,000 with more admissions than people: p > 1 makes the
 * square root's argument z² + 4·num·(1 − num/den) negative for whole counts, as 4·num·(num − den)/den > 4 > z²), the
 * limits where p0 lies outside [0, 1]. Also defines z_95() and z_998().
 */
export const CREATE_STATS_MACROS_SQL = `
CREATE OR REPLACE MACRO z_95() AS ${z};
CREATE OR REPLACE MACRO z_998() AS ${double(Z_998)};
CREATE OR REPLACE MACRO wilson_low(num, den) AS
  CASE WHEN den > 0 AND num >= 0 AND num <= den THEN
    CASE WHEN num = 0 THEN 0::DOUBLE ELSE
      (2 * num::DOUBLE + ${z2} - ${z} * sqrt(${z2} + 4 * num::DOUBLE * (1 - num::DOUBLE / den::DOUBLE)))
        / (2 * (den::DOUBLE + ${z2}))
    END
  END;
CREATE OR REPLACE MACRO wilson_high(num, den) AS
  CASE WHEN den > 0 AND num >= 0 AND num <= den THEN
    CASE WHEN num = den THEN 1::DOUBLE ELSE
      (2 * num::DOUBLE + ${z2} + ${z} * sqrt(${z2} + 4 * num::DOUBLE * (1 - num::DOUBLE / den::DOUBLE)))
        / (2 * (den::DOUBLE + ${z2}))
    END
  END;
CREATE OR REPLACE MACRO funnel_low(p0, n, z) AS
  CASE WHEN n > 0 AND p0 >= 0 AND p0 <= 1 THEN
    greatest(0::DOUBLE, p0::DOUBLE - z::DOUBLE * sqrt(p0::DOUBLE * (1 - p0::DOUBLE) / n::DOUBLE))
  END;
CREATE OR REPLACE MACRO funnel_high(p0, n, z) AS
  CASE WHEN n > 0 AND p0 >= 0 AND p0 <= 1 THEN
    least(1::DOUBLE, p0::DOUBLE + z::DOUBLE * sqrt(p0::DOUBLE * (1 - p0::DOUBLE) / n::DOUBLE))
  END;
`;
