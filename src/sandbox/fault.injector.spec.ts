import { FaultInjector, faultSchema } from './fault.injector';

const fault = (input: Record<string, unknown>) => faultSchema.parse(input);

describe('FaultInjector.take', () => {
  it('matches a path prefix and a method', () => {
    const faults = new FaultInjector();
    faults.add(fault({ kind: 'status', path: '/complaints/followup', method: 'post' }));
    expect(faults.take('GET', '/complaints/followup/add')).toBeUndefined();
    expect(faults.take('POST', '/complaints/inbox')).toBeUndefined();
    expect(faults.take('POST', '/complaints/followup/add')?.kind).toBe('status');
  });

  it('treats a path starting with ^ as a regular expression', () => {
    const faults = new FaultInjector();
    faults.add(fault({ kind: 'drop', path: '^/complaints/\\d+/followups$' }));
    expect(faults.take('GET', '/complaints/12/followups')).toBeDefined();
    expect(faults.take('GET', '/complaints/12/complaint')).toBeUndefined();
  });

  it('stops after `times` requests and stays listed as exhausted', () => {
    const faults = new FaultInjector();
    faults.add(fault({ kind: 'status', times: 2 }));
    expect(faults.take('GET', '/a')).toBeDefined();
    expect(faults.take('GET', '/a')).toBeDefined();
    expect(faults.take('GET', '/a')).toBeUndefined();
    expect(faults.list()[0]).toMatchObject({ remaining: 0, hits: 2 });
  });

  it('applies a fault with the given probability only', () => {
    const rolls = [0.1, 0.9];
    const faults = new FaultInjector(() => rolls.shift() ?? 0);
    faults.add(fault({ kind: 'latency', probability: 0.5 }));
    expect(faults.take('GET', '/a')).toBeDefined();
    expect(faults.take('GET', '/a')).toBeUndefined();
  });

  it('refuses an invalid regular expression', () => {
    expect(() => new FaultInjector().add(fault({ kind: 'drop', path: '^(' }))).toThrow(/regular expression/);
  });
});
