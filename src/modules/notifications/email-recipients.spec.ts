import { EmailRecipientsError, parseEmailRecipients, recipientsFor } from './email-recipients';

describe('parseEmailRecipients (NOTIFY_EMAIL_TO)', () => {
  it('reads code:address pairs, with * for every office', () => {
    expect(
      parseEmailRecipients(
        ' tokyo:konsuler@kbritokyo.example , *:djpk@kemlu.example,hq-djpk:pk@kemlu.example,',
      ),
    ).toEqual([
      { code: 'tokyo', address: 'konsuler@kbritokyo.example' },
      { code: '*', address: 'djpk@kemlu.example' },
      { code: 'hq-djpk', address: 'pk@kemlu.example' },
    ]);
  });

  it('lower-cases codes, as mission codes are', () => {
    expect(parseEmailRecipients('Osaka:konsuler@kjriosaka.example')).toEqual([
      { code: 'osaka', address: 'konsuler@kjriosaka.example' },
    ]);
  });

  it.each([
    ['tokyo=konsuler@kbritokyo.example', /bad pair "tokyo=konsuler@kbritokyo.example": no ":"/],
    ['tokyo:konsuler', /bad pair "tokyo:konsuler": "konsuler" is not an e-mail address/],
    ['tokyo:Konsuler <k@kbritokyo.example>', /"Konsuler <k@kbritokyo.example>" is not an e-mail address/],
    ['t:k@kbritokyo.example', /bad pair "t:k@kbritokyo.example": "t" is not a mission or desk code/],
    ['to kyo:k@kbritokyo.example', /"to kyo" is not a mission or desk code/],
    [':k@kbritokyo.example', /bad pair ":k@kbritokyo.example"/],
    [' , ', /must list at least one code:address pair/],
  ])('refuses %p, naming the bad pair', (raw, message) => {
    expect(() => parseEmailRecipients(raw)).toThrow(EmailRecipientsError);
    expect(() => parseEmailRecipients(raw)).toThrow(message);
  });

  it('names the first bad pair of a longer list', () => {
    expect(() =>
      parseEmailRecipients('tokyo:a@kbritokyo.example,osaka;b@kjriosaka.example,*:c@kemlu.example'),
    ).toThrow(/bad pair "osaka;b@kjriosaka.example"/);
  });

  it("picks the office's own and the * recipients, each address once", () => {
    const list = parseEmailRecipients(
      'tokyo:konsuler@kbritokyo.example,osaka:konsuler@kjriosaka.example,*:djpk@kemlu.example,osaka:DJPK@kemlu.example',
    );
    expect(recipientsFor(list, 'osaka')).toEqual(['konsuler@kjriosaka.example', 'DJPK@kemlu.example']);
    expect(recipientsFor(list, 'tokyo')).toEqual(['konsuler@kbritokyo.example', 'djpk@kemlu.example']);
    expect(recipientsFor(list, 'hq-djpk')).toEqual(['djpk@kemlu.example']);
    expect(recipientsFor(parseEmailRecipients('tokyo:k@kbritokyo.example'), 'osaka')).toEqual([]);
  });
});
