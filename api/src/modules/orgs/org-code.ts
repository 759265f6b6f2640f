/** An ODS code (capital letters and digits; ENG for England). Groups are `group:<id>`. */
export const ORG_CODE = /^[A-Z0-9]{1,8}$/;
export const ORG_CODE_MESSAGE = 'must be an organisation code (1 to 8 capital letters or digits)';
export const ORG_OR_GROUP_CODE = /^(?:[A-Z0-9]{1,8}|group:[1-9][0-9]{0,8})$/;
export const ORG_OR_GROUP_MESSAGE = 'must be an organisation code (1 to 8 capital letters or digits) or a group (group:<number>)';
