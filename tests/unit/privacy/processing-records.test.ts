import { describe, expect, it } from 'vitest';
import { personal, plain, retentionRules, type TTableEntry } from '@/lib/privacy/classification';
import { personalDataMap } from '@/lib/privacy/data-map';
import { buildProcessingRecord, dataSubjectsByTable, processingRecordMarkdown, type TControllerSettings } from '@/lib/privacy/processing-records';

const settings: TControllerSettings = {
  seller: { name: 'Beeldbank Noord B.V.', address: 'Grote Markt 1\n9711 LV Groningen', countryCode: 'NL', vatNumber: 'NL853746333B01' },
  securityContact: 'privacy@beeldbank.example',
};

const map: Readonly<Record<string, TTableEntry>> = personalDataMap;
const personalTables = Object.entries(map)
  .filter(([, entry]) => Object.values(entry.columns).some((column) => column.personal))
  .map(([table]) => table);

describe('the record of processing activities', () => {
  it('has an activity for every table of the map with personal columns, each with its data subjects', () => {
    const record = buildProcessingRecord(map, settings);
    expect(record.activities.map((activity) => activity.table)).toEqual(personalTables);
    for (const activity of record.activities) {
      expect(activity.dataSubjects.length, activity.table).toBeGreaterThan(0);
      expect(activity.legalBases.length, activity.table).toBeGreaterThan(0);
      expect(activity.retention.length, activity.table).toBeGreaterThan(0);
    }
  });

  it('names the data subjects of every personal table, and staff or contributors wherever a column is about them', () => {
    for (const table of personalTables) {
      const subjects = dataSubjectsByTable[table];
      expect(subjects, `${table} needs an entry in dataSubjectsByTable`).toBeDefined();
      const categories = Object.values(map[table]!.columns).flatMap((column) => (column.personal ? [column.category] : []));
      if (categories.includes('staff')) expect(subjects, table).toContain('staff');
      if (categories.includes('contributor')) expect(subjects, table).toContain('contributors');
    }
    // And no entry for a table that is gone or holds nothing personal.
    expect(Object.keys(dataSubjectsByTable).sort()).toEqual([...personalTables].sort());
  });

  it('lists every retention rule and legal basis the map uses, with its description and article', () => {
    const record = buildProcessingRecord(map, settings);
    const columns = Object.values(map).flatMap((entry) => Object.values(entry.columns).filter((column) => column.personal));
    const usedRules = new Set(columns.map((column) => column.retention));
    const shownRules = new Set(record.activities.flatMap((activity) => activity.retention.map((rule) => rule.rule)));
    expect(shownRules).toEqual(usedRules);
    const text = processingRecordMarkdown(record);
    for (const rule of usedRules) expect(text).toContain(retentionRules[rule].description);
    expect(text).toContain('Art. 6(1)(c): required by law (tax, accounting)');
  });

  it('names the controller from the settings', () => {
    const text = processingRecordMarkdown(buildProcessingRecord(map, settings));
    expect(text).toContain('- Name: Beeldbank Noord B.V.');
    expect(text).toContain('- Address: Grote Markt 1, 9711 LV Groningen');
    expect(text).toContain('- VAT number: NL853746333B01');
    expect(text).toContain('- Contact (security address): privacy@beeldbank.example');
  });

  it('shows a table added to the map, and refuses one whose data subjects are not named', () => {
    const newsletter: TTableEntry = {
      purpose: 'Newsletter subscriptions',
      subjectColumn: 'user_id',
      columns: {
        id: plain(),
        user_id: personal({ category: 'contact', purpose: 'Who subscribed', legalBasis: 'consent', retention: 'consent-proof', erasure: 'delete' }),
      },
    };
    const withNewsletter = { ...map, newsletter_subscriptions: newsletter };

    expect(() => buildProcessingRecord(withNewsletter, settings)).toThrow('newsletter_subscriptions');

    const record = buildProcessingRecord(withNewsletter, settings, { ...dataSubjectsByTable, newsletter_subscriptions: ['customers'] });
    const activity = record.activities.find((candidate) => candidate.table === 'newsletter_subscriptions');
    expect(activity).toMatchObject({
      purpose: 'Newsletter subscriptions',
      dataSubjects: [{ category: 'customers' }],
      legalBases: [{ basis: 'consent', article: 'Art. 6(1)(a): the person consented', purposes: ['Who subscribed'] }],
    });
    expect(processingRecordMarkdown(record)).toContain('### Newsletter subscriptions (newsletter_subscriptions)');
  });
});
