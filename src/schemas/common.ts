// What the schemas share: the id base, the kebab-case of ids and names, a non-empty string whose
// description is the fix an error suggests.
export const KEBAB = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
export const BASE = 'https://github.com/i2pd-doctor/i2pd-doctor/schemas';

export const nonEmpty = (description: string) => ({ type: 'string', minLength: 1, description });
