import { operations, request } from '../../../api';
import type { MemberBody, MembershipRole, OrganizationBody, PlatformRole } from '../../../api';

export const createOrganization = (body: OrganizationBody) => request(operations.createOrganization, { body });
export const addMember = (orgId: string, body: MemberBody) => request(operations.addMember, { params: { orgId }, body });
export const setPlatformRoles = (userId: string, roles: PlatformRole[]) =>
  request(operations.setPlatformRoles, { params: { id: userId }, body: { roles } });

export const membersKey = (orgId: string) => ['members', orgId] as const;
export const fetchMembers = (orgId: string) => request(operations.listMembers, { params: { orgId } });
export const changeMemberRole = (orgId: string, userId: string, role: MembershipRole) =>
  request(operations.changeMemberRole, { params: { orgId, userId }, body: { role } });
