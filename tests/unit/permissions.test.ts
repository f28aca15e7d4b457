import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@/lib/domain';
import { ALL_PERMISSIONS, isWrite, roleCan, type Permission } from '@/lib/permissions';

// The contract of issue 3, written out independently of lib/permissions.ts: if either changes
// without the other, this fails.
const EXPECTED: Record<Permission, Role[]> = {
  'partnerships.read': ['EXECUTIVE', 'BUSINESS_DEVELOPMENT', 'ANALYST', 'ADMIN', 'PARTNER'],
  'metrics.read': ['EXECUTIVE', 'BUSINESS_DEVELOPMENT', 'ANALYST', 'ADMIN', 'PARTNER'],
  'metrics.export': ['ANALYST', 'PARTNER'],
  'metrics.import': ['ANALYST'],
  // Issue 17: partner users read their own actions only (server/audit/queries.ts).
  'audit.read': ['EXECUTIVE', 'ADMIN', 'PARTNER'],
  'partnerships.create': ['BUSINESS_DEVELOPMENT', 'ADMIN'],
  'partnerships.update': ['BUSINESS_DEVELOPMENT', 'ADMIN'],
  'partnerships.stage': ['BUSINESS_DEVELOPMENT', 'ADMIN'],
  'partnerships.regions': ['BUSINESS_DEVELOPMENT', 'ADMIN'],
  'organizations.manage': ['BUSINESS_DEVELOPMENT', 'ADMIN'],
  'regions.manage': ['ADMIN'],
  'targets.update': ['BUSINESS_DEVELOPMENT', 'ANALYST'],
  'milestones.update': ['BUSINESS_DEVELOPMENT', 'PARTNER'],
  'checkpoints.update': ['BUSINESS_DEVELOPMENT'],
  'rollouts.update': ['BUSINESS_DEVELOPMENT'],
  // Issue 13: administrators script too (the API tokens page was a 403 for them).
  'tokens.manage': ['BUSINESS_DEVELOPMENT', 'ANALYST', 'ADMIN', 'PARTNER'],
  'users.manage': ['ADMIN'],
  // Issue 13: everyone keeps their own name, password and sessions.
  'profile.update': ['EXECUTIVE', 'BUSINESS_DEVELOPMENT', 'ANALYST', 'ADMIN', 'PARTNER'],
  'profile.password': ['EXECUTIVE', 'BUSINESS_DEVELOPMENT', 'ANALYST', 'ADMIN', 'PARTNER'],
  // Issue 15: whoever reads a deal discusses it; administrators remove anyone's note.
  'notes.write': ['EXECUTIVE', 'BUSINESS_DEVELOPMENT', 'ANALYST', 'ADMIN', 'PARTNER'],
  'notes.moderate': ['ADMIN'],
  'documents.upload': ['BUSINESS_DEVELOPMENT', 'ADMIN'],
  // Issue 16: the background jobs' dead letters.
  'jobs.manage': ['ADMIN'],
  // Issue 16: everyone keeps an inbox, watches what they follow and saves views; administrators remove anyone's shared view.
  'inbox.read': ['EXECUTIVE', 'BUSINESS_DEVELOPMENT', 'ANALYST', 'ADMIN', 'PARTNER'],
  'inbox.update': ['EXECUTIVE', 'BUSINESS_DEVELOPMENT', 'ANALYST', 'ADMIN', 'PARTNER'],
  'views.save': ['EXECUTIVE', 'BUSINESS_DEVELOPMENT', 'ANALYST', 'ADMIN'],
  'views.moderate': ['ADMIN'],
  'webhooks.manage': ['ADMIN'],
  'subscriptions.manage': ['EXECUTIVE', 'BUSINESS_DEVELOPMENT', 'ANALYST', 'ADMIN'],
  'outbox.read': ['ADMIN'],
  // Issue 17, four eyes: executives and administrators decide; business development reads the
  // requests it makes (asking goes through rollouts.update and partnerships.stage).
  'approvals.read': ['EXECUTIVE', 'BUSINESS_DEVELOPMENT', 'ADMIN'],
  'approvals.decide': ['EXECUTIVE', 'ADMIN'],
  // Issue 17: business development and administrators invite partner users (and deactivate them).
  'partners.invite': ['BUSINESS_DEVELOPMENT', 'ADMIN'],
  // Issue 18: who may be created by single sign-on, and which domains must use it.
  'signin.manage': ['ADMIN'],
};

describe('role x permission matrix', () => {
  it('lists every permission exactly once in the expectation', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ALL_PERMISSIONS].sort());
  });

  for (const permission of ALL_PERMISSIONS) {
    for (const role of ROLES) {
      const allowed = EXPECTED[permission].includes(role);
      it(`${role} ${allowed ? 'may' : 'may not'} ${permission}`, () => {
        expect(roleCan(role, permission)).toBe(allowed);
      });
    }
  }

  it('marks every change as a write, so read-only tokens cannot make it', () => {
    expect(ALL_PERMISSIONS.filter(isWrite).sort()).toEqual(
      [
        'checkpoints.update', 'metrics.import', 'milestones.update', 'partnerships.update', 'rollouts.update', 'tokens.manage', 'users.manage',
        'partnerships.create', 'partnerships.stage', 'partnerships.regions', 'organizations.manage', 'regions.manage', 'targets.update',
        'profile.update', 'profile.password', 'notes.write', 'notes.moderate', 'documents.upload', 'jobs.manage',
        'inbox.update', 'views.save', 'views.moderate', 'webhooks.manage', 'subscriptions.manage', 'partners.invite',
        'approvals.decide', 'signin.manage',
      ].sort(),
    );
  });
});
