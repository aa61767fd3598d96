import 'server-only';
import { errorSummary } from '@/lib/log/error-summary';
import { logLine } from '@/lib/log/log-line';
import { recordActivityRows, type TActivityRow } from './record-activity';

type TBatchOptions = { maxRows: number; maxDelayMs: number; maxPending: number };

const DEFAULTS: TBatchOptions = { maxRows: 200, maxDelayMs: 250, maxPending: 20_000 };

/**
 * Guests' page views arriving faster than one insert each is worth: rows are gathered for at most
 * `maxDelayMs` (or until `maxRows` wait) and written `maxRows` to a statement, one statement at a
 * time, so a slow database gets one connection's worth of visits from each web process, not a
 * crowd that would starve page renders of connections. A row waits in memory, so a crash loses the
 * rows waiting; `flush` writes them on shutdown. When the database cannot keep up, rows beyond
 * `maxPending` are dropped and counted in the log rather than held without limit.
 */
export class ActivityBatch {
  private rows: TActivityRow[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private writingRows = 0;
  private dropped = 0;
  private readonly options: TBatchOptions;

  constructor(
    options: Partial<TBatchOptions> = {},
    private readonly write: (rows: TActivityRow[]) => Promise<void> = recordActivityRows,
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  add(row: TActivityRow) {
    if (this.rows.length + this.writingRows >= this.options.maxPending) {
      this.dropped++;
      return;
    }
    this.rows.push(row);
    if (this.rows.length >= this.options.maxRows) void this.drain();
    else this.timer ??= setTimeout(() => void this.drain(), this.options.maxDelayMs);
  }

  /** Writes everything waiting, including rows that arrive meanwhile. */
  async flush() {
    await this.drain();
  }

  /** Starts writing unless a write is under way, which takes every row waiting before it stops. */
  private drain(): Promise<void> {
    this.writing ??= (async () => {
      try {
        while (this.rows.length > 0) {
          clearTimeout(this.timer);
          this.timer = undefined;
          const rows = this.rows.splice(0, this.options.maxRows);
          this.writingRows = rows.length;
          try {
            await this.write(rows);
          } catch (error) {
            logLine('error', 'activity', `recording ${rows.length} guest page views failed: ${errorSummary(error)}`);
          } finally {
            this.writingRows = 0;
          }
        }
      } finally {
        this.writing = undefined;
        if (this.dropped > 0) {
          logLine('warn', 'activity', `${this.dropped} guest page views were not recorded: the database fell behind`);
          this.dropped = 0;
        }
      }
    })();
    return this.writing;
  }
}
