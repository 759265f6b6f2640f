import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One person, known only by a pseudonym: an NHS number never reaches the database. */
@Entity('patients')
@Unique('patients_pseudonym_key', ['pseudonym'])
@Check('patients_sex_check', `"sex" IN ('F', 'M', 'I', 'U')`)
@Check('patients_ethnic_group_check', `"ethnic_group" IN ('white', 'mixed', 'asian', 'black', 'other', 'unknown')`)
@Check('patients_imd_quintile_check', `"imd_quintile" BETWEEN 1 AND 5`)
@Check('patients_died_on_check', `"died_on" IS NULL OR "died_on" >= "birth_date"`)
export class Patient {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  /** The upstream patient_id, or HMAC-SHA-256 of the NHS number (hex). */
  @Column({ type: 'varchar', length: 64 })
  pseudonym!: string;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate!: string;

  @Column({ type: 'char', length: 1 })
  sex!: 'F' | 'M' | 'I' | 'U';

  @Column({ name: 'ethnic_group', type: 'varchar', length: 8 })
  ethnicGroup!: string;

  @Column({ name: 'imd_quintile', type: 'smallint', nullable: true })
  imdQuintile!: number | null;

  @Column({ name: 'died_on', type: 'date', nullable: true })
  diedOn!: string | null;
}
