import * as assert from 'node:assert/strict';
import { parseRoleNameWithPath, validateRoleName, validateRolePath } from '../../../src/wizards/validation/roleName';

describe('IAM role names and paths (the service model\'s rules)', () => {
  it('accepts 1 to 64 characters of letters, digits and + = , . @ _ -', () => {
    for (const name of ['a', 'SchedulerRole', 'demo-llama3-8b-scheduler-role', 'a+b=c,d.e@f_g-h', 'x'.repeat(64)]) assert.equal(validateRoleName(name), undefined, name);
  });

  it('refuses an empty name, more than 64 characters, and other characters, naming them', () => {
    assert.equal(validateRoleName(''), 'Enter a role name.');
    assert.equal(validateRoleName('x'.repeat(65)), 'A role name has at most 64 characters (this one has 65).');
    assert.equal(validateRoleName('my role!'), 'A role name may hold letters, digits and + = , . @ _ - only (not space, "!").');
    assert.match(validateRoleName('rôle') ?? '', /not "ô"/);
  });

  it('accepts "/" and "/…/" paths of printable ASCII up to 512 characters', () => {
    assert.equal(validateRolePath('/'), undefined);
    assert.equal(validateRolePath('/service-role/'), undefined);
    assert.match(validateRolePath('service-role/') ?? '', /starts and ends with "\/"/);
    assert.match(validateRolePath('/a b/') ?? '', /without spaces/);
    assert.match(validateRolePath(`/${'p'.repeat(511)}/`) ?? '', /at most 512/);
  });

  it('reads "name" or "path/name" as typed', () => {
    assert.deepEqual(parseRoleNameWithPath('SchedulerRole'), { path: '/', name: 'SchedulerRole' });
    assert.deepEqual(parseRoleNameWithPath(' service-role/SchedulerRole '), { path: '/service-role/', name: 'SchedulerRole' });
    assert.deepEqual(parseRoleNameWithPath('/team/a/SchedulerRole'), { path: '/team/a/', name: 'SchedulerRole' });
    assert.deepEqual(parseRoleNameWithPath('service-role/'), { error: 'Enter a role name.' });
    assert.deepEqual(parseRoleNameWithPath('service role/Name'), { error: 'A role path starts and ends with "/" and holds printable characters without spaces, e.g. /service-role/.' });
  });
});
