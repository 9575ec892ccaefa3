import { operations, request } from '../../../api';
import type { MemberBody, MembershipRole, OrganizationBody } from '../../../api';

export const createOrganization = (body: OrganizationBody) => request(operations.createOrganization, { body });
export const addMember = (orgId: string, body: MemberBody) => request(operations.addMember, { params: { orgId }, body });

export const membersKey = (orgId: string) => ['members', orgId] as const;
export const fetchMembers = (orgId: string) => request(operations.listMembers, { params: { orgId } });
export const changeMemberRole = (orgId: string, userId: string, role: MembershipRole) =>
  request(operations.changeMemberRole, { params: { orgId, userId }, body: { role } });
