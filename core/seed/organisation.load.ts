import { readFile } from 'node:fs/promises';
import sample from './bac-tu-liem.json';
import { formatIssuePath, type Organisation, organisationSchema } from './organisation.schema';

export class OrganisationFileError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source} is not a valid organisation file:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'OrganisationFileError';
  }
}

export const SAMPLE_ORGANISATION_NAME = 'bac-tu-liem (sample)';

export function parseOrganisation(source: string, data: unknown): Organisation {
  const parsed = organisationSchema.safeParse(data);
  if (!parsed.success) {
    throw new OrganisationFileError(
      source,
      parsed.error.issues.map((issue) => `${formatIssuePath(issue.path) || '(file)'}: ${issue.message}`),
    );
  }
  return parsed.data;
}

export async function readOrganisationFile(filePath: string): Promise<Organisation> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    throw new OrganisationFileError(filePath, [`cannot be read: ${(error as Error).message}`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new OrganisationFileError(filePath, [`is not JSON: ${(error as Error).message}`]);
  }
  return parseOrganisation(filePath, data);
}

/** The sample district (Bắc Từ Liêm) that ships with the project, so a new user has a working system. */
export function sampleOrganisation(): Organisation {
  return parseOrganisation(SAMPLE_ORGANISATION_NAME, sample);
}
