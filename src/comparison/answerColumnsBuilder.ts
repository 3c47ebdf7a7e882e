import { answerKey, type AnswerValues } from '../analysis/types.js';
import { decodeAnswerVectorInto, type AnswerVectorLayout } from '../responses/answerVector.js';

/**
 * A round's AnswerValues filled one response vector at a time: a column per key of the round's
 * layout, sized up front from a count so that 100,000 responses need no copy. A vector of
 * another questionnaire version lands in the round's columns by key; its other keys are dropped.
 */
export class AnswerColumnsBuilder {
  private readonly responseIds: number[] = [];
  private columns: Float64Array[];
  /** Per layout: the round's column for each of its keys (rebuilt when the columns grow). */
  private readonly targets = new Map<AnswerVectorLayout, (Float64Array | undefined)[]>();

  constructor(private readonly layout: AnswerVectorLayout, private capacity: number) {
    this.columns = layout.keys.map(() => new Float64Array(capacity).fill(Number.NaN));
  }

  add(responseId: number, vectorLayout: AnswerVectorLayout, vector: Buffer): void {
    const slot = this.responseIds.length;
    // More responses than counted: some arrived between the count and the read.
    if (slot === this.capacity) this.resize(Math.max(16, Math.ceil(this.capacity * 1.5)));
    this.responseIds.push(responseId);
    decodeAnswerVectorInto(vector, this.targetsOf(vectorLayout), slot);
  }

  build(): AnswerValues {
    if (this.responseIds.length !== this.capacity) this.resize(this.responseIds.length);
    return {
      responseIds: this.responseIds,
      rowOf: new Map(this.responseIds.map((id, row) => [id, row])),
      columns: new Map(this.layout.keys.map((key, slot) => [answerKey(key.itemId, key.subId), this.columns[slot]!])),
    };
  }

  private targetsOf(vectorLayout: AnswerVectorLayout): (Float64Array | undefined)[] {
    let targets = this.targets.get(vectorLayout);
    if (!targets) {
      targets = vectorLayout.keys.map((key) => {
        const slot = this.layout.slotOf.get(answerKey(key.itemId, key.subId));
        return slot === undefined ? undefined : this.columns[slot];
      });
      this.targets.set(vectorLayout, targets);
    }
    return targets;
  }

  private resize(capacity: number): void {
    this.columns = this.columns.map((column) => {
      const resized = new Float64Array(capacity).fill(Number.NaN);
      resized.set(column.subarray(0, Math.min(capacity, column.length)));
      return resized;
    });
    this.capacity = capacity;
    this.targets.clear();
  }
}
