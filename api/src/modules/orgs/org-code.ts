import { reason } from '../../common/validation.pipe';

/** An ODS code (capital letters and digits; ENG for England). Groups are `group:<id>`. */
export const ORG_CODE = /^[A-Z0-9]{1,8}$/;
export const ORG_CODE_MESSAGE = 'must be an organisation code (1 to 8 capital letters or digits)';
export const ORG_OR_GROUP_CODE = /^(?:[A-Z0-9]{1,8}|group:[1-9][0-9]{0,8})$/;
export const ORG_OR_GROUP_MESSAGE = 'must be an organisation code (1 to 8 capital letters or digits) or a group (group:<number>)';
/** The reason a DTO gives a malformed organisation (or group) code, for `@Matches(ORG_CODE, { message, ...NOT_AN_ORGANISATION_CODE })`. */
export const NOT_AN_ORGANISATION_CODE = reason('not_an_organisation_code', { withValue: true });
