const GROUP_CODE = /^group:/i;

/**
 * An organisation code as the API takes it: ODS codes are capital letters and digits, so a code typed or linked in lower
 * case (/org/j76455) is the same organisation; a group's code (group:<id>) keeps its lower-case prefix.
 */
export function canonicalOrgCode(code: string): string {
  const trimmed = code.trim();
  return GROUP_CODE.test(trimmed) ? `group:${trimmed.slice('group:'.length)}` : trimmed.toUpperCase();
}
