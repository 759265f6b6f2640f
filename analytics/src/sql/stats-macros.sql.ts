import { EXACT_POISSON_95 } from '../stats/byar-interval';
import { Z_998 } from '../stats/funnel-limits';
import { Z_95 } from '../stats/wilson-interval';

// DuckDB reads 1.959964 as a DECIMAL; the exponent form is read as the same DOUBLE as in TypeScript.
const double = (x: number): string => x.toExponential();
const exactLow = `[${EXACT_POISSON_95.map(([low]) => double(low)).join(', ')}]`;
const exactHigh = `[${EXACT_POISSON_95.map(([, high]) => double(high)).join(', ')}]`;
const z = double(Z_95);
const z2 = `(${z} * ${z})`;

/**
 * DuckDB macros equal to the TypeScript statistics (stats-macros.spec.ts compares them to 1e-12):
 * wilson_low/high(num, den) = wilsonInterval, byar_low/high(num, den, per) = byarInterval,
 * funnel_low/high(p0, n, z) = funnelLimit. Each returns NULL where the TypeScript returns null.
 * Also defines z_95() and z_998().
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
CREATE OR REPLACE MACRO byar_low_base(x) AS 1 - 1 / (9 * x) - ${z} / (3 * sqrt(x));
CREATE OR REPLACE MACRO byar_high_base(x) AS 1 - 1 / (9 * x) + ${z} / (3 * sqrt(x));
CREATE OR REPLACE MACRO byar_low(num, den, per) AS
  CASE WHEN den > 0 AND num >= 0 AND num = floor(num) THEN
    CASE WHEN num < 10 THEN ${exactLow}[num::INTEGER + 1] * (per::DOUBLE / den::DOUBLE)
    ELSE num::DOUBLE * (byar_low_base(num::DOUBLE) * byar_low_base(num::DOUBLE) * byar_low_base(num::DOUBLE))
      * (per::DOUBLE / den::DOUBLE)
    END
  END;
CREATE OR REPLACE MACRO byar_high(num, den, per) AS
  CASE WHEN den > 0 AND num >= 0 AND num = floor(num) THEN
    CASE WHEN num < 10 THEN ${exactHigh}[num::INTEGER + 1] * (per::DOUBLE / den::DOUBLE)
    ELSE (num::DOUBLE + 1)
      * (byar_high_base(num::DOUBLE + 1) * byar_high_base(num::DOUBLE + 1) * byar_high_base(num::DOUBLE + 1))
      * (per::DOUBLE / den::DOUBLE)
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
