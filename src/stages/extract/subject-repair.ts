/**
 * The subject checked against the rest of the file: garbled words and a lost issuer restored where
 * the file restates the subject, cited documents completed from the body's citations of them.
 */
import type { Citation } from '../../../schemas/document.js';
import { completeSubjectCitations } from './subject-citations.js';
import { restoreDanglingIssuer, restoreFromContext } from './subject-context.js';

/**
 * `ownLines`: the document's lines other than the subject's; `fileLines`: those and the file's other
 * documents' (a forwarding letter restates the subject of the document it carries).
 */
export function repairSubject(subject: string, cited: readonly Citation[], ownLines: readonly string[], fileLines: readonly string[]): { text: string; repaired: boolean } {
  const file = fileLines.join('\n');
  const words = restoreFromContext(subject, file);
  const issuer = restoreDanglingIssuer(words.text, file);
  const completed = completeSubjectCitations(issuer.text, cited, ownLines.join('\n'), file);
  return { text: completed.text, repaired: words.repaired || issuer.repaired || completed.repaired || completed.doubtful };
}
