/**
 * A merge run: several return files merged one after the other into one register, each file
 * seeing what the earlier ones applied. Keeps the register index, the changed rows, the history
 * lines and the revision up to date between files, so a use case only hands it files.
 */
import { comparisonKey } from '../text/normalize';
import type { Assignment, FileReport, HistoryEntry, MergeMeta, ReturnRow, RowChange } from './types';
import { registerRevision } from './export';
import { indexRegister, mergeReturn, recordMerges, type RegisterIndex } from './merge';

export class MergeRun {
  private readonly index: RegisterIndex;
  private readonly changes = new Map<string, RowChange>();
  private readonly lines: HistoryEntry[] = [];
  /** registerRevision of the register before the run. */
  readonly revisionBefore: number;
  private revisionNow: number;

  /**
   * @param register the register's rows now (the first row of a duplicated id wins)
   * @param history its history lines of earlier merges
   * @param agencyKey identity of agency names (default comparisonKey)
   * @param invalid agency-field cells the register's rules cannot read, by id (see RegisterIndex.invalid)
   */
  constructor(register: readonly Assignment[], history: readonly HistoryEntry[],
    private readonly agencyKey: (name: string) => string = comparisonKey,
    invalid?: RegisterIndex['invalid']) {
    this.index = indexRegister(register, history, agencyKey);
    if (invalid) this.index.invalid = invalid;
    this.revisionBefore = registerRevision(this.index.byId.values());
    this.revisionNow = this.revisionBefore;
  }

  /** The register's revision with what the run applied so far. */
  get revision(): number {
    return this.revisionNow;
  }

  /** Every row the run changed, by id: the row before the run, after the last file, all fields changed. */
  get changed(): ReadonlyMap<string, RowChange> {
    return this.changes;
  }

  /** The history lines of every applied change, in order. */
  get history(): readonly HistoryEntry[] {
    return this.lines;
  }

  /**
   * Merge one file (see mergeReturn) and keep what it applied for the next files.
   * @param meta the file's description; its agencyKey is the run's
   * @returns the file's report. Never throws for bad file content.
   */
  mergeFile(returned: readonly ReturnRow[], meta: Omit<MergeMeta, 'agencyKey'>): FileReport {
    const result = mergeReturn(this.index, returned, { ...meta, agencyKey: this.agencyKey });
    for (const change of result.changes) {
      this.index.byId.set(change.id, change.after);
      this.index.invalid?.delete(change.id);
      const earlier = this.changes.get(change.id);
      this.changes.set(change.id, earlier ? { ...change, before: earlier.before, fields: [...earlier.fields, ...change.fields] } : change);
    }
    this.revisionNow += result.changes.length;
    this.index.revision = this.revisionNow;
    recordMerges(this.index, result.history, this.agencyKey);
    this.lines.push(...result.history);
    return result.report;
  }
}
