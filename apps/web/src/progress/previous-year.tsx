/** The year-end evaluation a plan made from last year's plan carries («Đánh giá kết quả thực hiện năm …»). */
import type * as Y from 'yjs';

export function PreviousYearEvaluation({ doc }: { doc: Y.Doc }) {
  void doc;
  return null;
}
