/** Failed sign-ins of one user name are counted under this prefix and its lower case (sign_in_failures). */
export const ACCOUNT_KEY_PREFIX = 'account:';

/** The key failed sign-ins of one user name are counted under, known account or not. */
export function accountFailureKey(username: string): string {
  return `${ACCOUNT_KEY_PREFIX}${username.toLowerCase()}`;
}
