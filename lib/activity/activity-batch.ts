import 'server-only';
import { errorSummary } from '@/lib/log/error-summary';
import { logLine } from '@/lib/log/log-line';
import { recordActivityRows, type TActivityRow } from './record-activity';

type TBatchOptions = { maxRows: number; maxDelayMs: number; maxPending: number };

const DEFAULTS: TBatchOptions = { maxRows: 200, maxDelayMs: 250, maxPending: 20_000 };

/**
 * Guests' page views arriving faster than one insert each is worth: rows are gathered for at most
 * `maxDelayMs` (or `maxRows`) and written in one statement. A row waits in memory for that long, so
 * a crash loses at most that much guest activity; `flush` writes what is waiting on shutdown. When
 * the database cannot keep up, rows beyond `maxPending` are dropped and counted in the log rather
 * than held without limit.
 */
export class ActivityBatch {
  private rows: TActivityRow[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private inFlightRows = 0;
  private dropped = 0;
  private readonly options: TBatchOptions;

  constructor(
    options: Partial<TBatchOptions> = {},
    private readonly write: (rows: TActivityRow[]) => Promise<void> = recordActivityRows,
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  add(row: TActivityRow) {
    if (this.rows.length + this.inFlightRows >= this.options.maxPending) {
      this.dropped++;
      return;
    }
    this.rows.push(row);
    if (this.rows.length >= this.options.maxRows) void this.writeWaiting();
    else this.timer ??= setTimeout(() => void this.writeWaiting(), this.options.maxDelayMs);
  }

  /** Writes everything waiting and waits for writes already under way. */
  async flush() {
    await this.writeWaiting();
    await Promise.all(this.inFlight);
  }

  private writeWaiting(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.rows;
    if (rows.length === 0) return Promise.resolve();
    this.rows = [];
    this.inFlightRows += rows.length;
    const writing = this.write(rows)
      .catch((error: unknown) => {
        logLine('error', 'activity', `recording ${rows.length} guest page views failed: ${errorSummary(error)}`);
      })
      .finally(() => {
        this.inFlightRows -= rows.length;
        this.inFlight.delete(writing);
        if (this.dropped > 0) {
          logLine('warn', 'activity', `${this.dropped} guest page views were not recorded: the database fell behind`);
          this.dropped = 0;
        }
      });
    this.inFlight.add(writing);
    return writing;
  }
}
