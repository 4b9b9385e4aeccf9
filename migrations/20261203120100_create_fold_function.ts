import type { Knex } from 'knex';

/**
 * hotline_fold(text): lower case without Vietnamese diacritics, đ as d, so that "rac thai", as
 * people type on phones, finds "Rác thải". translate() maps every precomposed Vietnamese letter,
 * upper and lower case, to its plain letter (lower() alone folds only ASCII under the C locale
 * PGlite and many servers use) and drops the combining marks of decomposed text. Immutable, so an
 * expression index can use it; the same function on both sides of a match keeps one rule.
 */
const ACCENTED =
  'àÀáÁảẢãÃạẠăĂằẰắẮẳẲẵẴặẶâÂầẦấẤẩẨẫẪậẬèÈéÉẻẺẽẼẹẸêÊềỀếẾểỂễỄệỆìÌíÍỉỈĩĨịỊòÒóÓỏỎõÕọỌôÔồỒốỐổỔỗỖộỘơƠờỜớỚởỞỡỠợỢùÙúÚủỦũŨụỤưƯừỪứỨửỬữỮựỰỳỲýÝỷỶỹỸỵỴđĐ';
const PLAIN =
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeeeeeeeiiiiiiiiiioooooooooooooooooooooooooooooooooouuuuuuuuuuuuuuuuuuuuuuyyyyyyyyyydd';
const COMBINING_MARKS = '\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function hotline_fold(input text) returns text
    language sql immutable strict parallel safe
    return lower(translate(input, '${ACCENTED}${COMBINING_MARKS}', '${PLAIN}'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop function if exists hotline_fold(text)');
}
