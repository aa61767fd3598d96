import { describe, expect, it } from 'vitest';
import { formatVatNumberCheck, normalizeVatNumber } from '@/lib/checkout/vat/vat-number-check';

describe('the VAT number format check (jsvat)', () => {
  it('accepts numbers of valid format and check digits, normalised with their country prefix', async () => {
    expect(await formatVatNumberCheck.check('DE', 'DE136695976')).toEqual({ valid: true, normalized: 'DE136695976' });
    expect(await formatVatNumberCheck.check('AT', 'atu 135.856-27')).toEqual({ valid: true, normalized: 'ATU13585627' });
    expect(await formatVatNumberCheck.check('FR', '40303265045')).toEqual({ valid: true, normalized: 'FR40303265045' });
  });

  it("uses EL for Greece's numbers", async () => {
    expect(normalizeVatNumber('GR', '094259216')).toBe('EL094259216');
    expect(await formatVatNumberCheck.check('GR', 'EL094259216')).toEqual({ valid: true, normalized: 'EL094259216' });
  });

  it('refuses a wrong format, a wrong check digit and a number of another country', async () => {
    expect(await formatVatNumberCheck.check('DE', 'DE12345')).toMatchObject({ valid: false });
    expect(await formatVatNumberCheck.check('DE', 'DE136695977')).toMatchObject({ valid: false });
    expect(await formatVatNumberCheck.check('DE', 'FR40303265045')).toEqual({ valid: false, reason: expect.stringMatching(/another country/) });
  });
});
