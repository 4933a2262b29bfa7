/** The file cannot be imported at all (a required column missing from the header, no line breaks). */
export class ImportFileError extends Error {}
