import { issue, ValidationError } from '../errors';

/**
 * Asterisk keeps a stored recording at `<recordings directory>/<name>.<format>` and its REST API
 * takes the name as a path: a name that is `.` or `..`, or holds such a segment, names a directory
 * or climbs out of it (and URL resolution drops or climbs it, even percent-encoded as `%2e%2e`).
 */
function recordingNameProblem(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (name.split('/').some((segment) => segment === '.' || segment === '..'))
    return 'is or holds a "." or ".." path segment, which Asterisk would take as a directory';
  return undefined;
}

/** The name itself when Asterisk may store or serve a recording under it; else a ValidationError saying why. */
export function checkedRecordingName(name: string): string {
  const problem = recordingNameProblem(name);
  if (problem) {
    throw new ValidationError('recording', [
      issue('recordingName', 'invalid-recording-name', `recording name ${JSON.stringify(name)} ${problem}`),
    ]);
  }
  return name;
}
