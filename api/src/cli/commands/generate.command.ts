import { demoPopulationOptions, generateToDirectory } from '@pcsp/analytics';
import type { Command } from 'commander';
import { say } from '../command-context';
import { fractionOption, monthOption, wholeNumberOption } from '../option-values';

interface GenerateCommandOptions {
  out: string;
  practices: string;
  patients: string;
  from: string;
  to: string;
  seed: string;
  dirty: string;
  format: string;
  identity: string;
}

export function registerGenerateCommand(program: Command): void {
  const demo = demoPopulationOptions();
  program
    .command('generate')
    .description('write a deterministic synthetic population as a flat extract (csv), FHIR R4 NDJSON (fhir) or a DuckDB file of record tables')
    .requiredOption('--out <dir>', 'folder to write (duckdb: a folder for population.duckdb, or a .duckdb file)')
    .option('--practices <n>', 'number of GP practices', String(demo.practices))
    .option('--patients <n>', 'number of patients', String(demo.patients))
    .option('--from <month>', 'first month, YYYY-MM', demo.from)
    .option('--to <month>', 'last month, YYYY-MM (nothing is dated after its last day)', demo.to)
    .option('--seed <n>', 'seed: the same options and seed give the same files', String(demo.seed))
    .option('--dirty <fraction>', 'fraction of deliberately broken rows in the CSV files, e.g. 0.01', '0')
    .option('--format <format>', 'csv, fhir (NDJSON, one resource type a file) or duckdb', 'csv')
    .option('--identity <column>', 'patient_id or nhs_number (999 test range, at most 909,091 patients)', 'patient_id')
    .action(async (options: GenerateCommandOptions) => {
      if (options.format !== 'csv' && options.format !== 'duckdb' && options.format !== 'fhir') {
        throw new Error(`--format must be csv, fhir or duckdb, got "${options.format}"`);
      }
      if (options.identity !== 'patient_id' && options.identity !== 'nhs_number') {
        throw new Error(`--identity must be patient_id or nhs_number, got "${options.identity}"`);
      }
      monthOption(options.from, '--from');
      monthOption(options.to, '--to');
      const result = await generateToDirectory({
        out: options.out,
        format: options.format,
        identity: options.identity,
        practices: wholeNumberOption(options.practices, '--practices'),
        patients: wholeNumberOption(options.patients, '--patients'),
        from: options.from,
        to: options.to,
        seed: wholeNumberOption(options.seed, '--seed'),
        dirty: fractionOption(options.dirty, '--dirty', 'from 0 to 0.5'),
        log: (message) => say(`  ${message}`),
      });
      const rows = Object.values(result.files ?? result.rows).reduce((sum, n) => sum + n, 0);
      say(`Wrote ${rows.toLocaleString('en-GB')} rows to ${result.path} in ${result.seconds.toFixed(1)} s.`);
    });
}
