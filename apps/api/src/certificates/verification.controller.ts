import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { RateLimiter, type RateRule } from '../identity/rate-limit/rate-limiter.service.js';
import { Public } from '../common/auth/policy.js';
import { VerificationDto } from './dto/certificate-responses.dto.js';
import { isCertificateNumber, VerificationService } from './verification.service.js';
import { addressBlock } from './address-block.js';
import { msg } from '@kindling/common';

/** Generous for an HR office checking a stack of certificates, useless for guessing 128-bit codes. */
export const VERIFY_IP_RULE: RateRule = { limit: 120, windowSeconds: 60 };
/**
 * Printed numbers are sequential (KND-2026-000001, …000002) and their answer names the holder,
 * so lookups by number have a budget of their own: a person types a number by hand, thirty an
 * hour from one address (an IPv6 client by its /64) is plenty, and listing a year's holders
 * would take that address months.
 */
export const VERIFY_NUMBER_IP_RULE: RateRule = { limit: 30, windowSeconds: 60 * 60 };

@ApiTags('verification')
@Controller('verify')
export class VerificationController {
  constructor(
    private readonly verification: VerificationService,
    private readonly limiter: RateLimiter,
  ) {}

  @Get('sha256/:hash')
  @Public()
  @ApiOperation({ summary: 'Verify a PDF file by its SHA-256 (hex); an old version answers "superseded" and names the current one' })
  @ApiParam({ name: 'hash', description: '64 hex characters' })
  @ApiResponse({ status: 200, type: VerificationDto })
  @ApiResponse({ status: 404, description: 'no certificate document has this hash' })
  @ApiResponse({ status: 429, description: 'too many verifications from this address; Retry-After says when to retry' })
  async bySha256(@Param('hash') hash: string, @Req() req: Request): Promise<VerificationDto> {
    await this.limiter.consume('verify', req.ip ?? 'unknown', VERIFY_IP_RULE, msg('errors.rateLimit.verifications'));
    return this.verification.bySha256(hash);
  }

  @Get(':code')
  @Public()
  @ApiOperation({
    summary: 'Verify a certificate by the code in its QR, its printed number (KND-2026-000001) or the SHA-256 of its PDF (anyone): valid, revoked, superseded by a re-issue, or expired',
  })
  @ApiParam({ name: 'code', description: 'the verification code (base64url, ≥128 bits), the printed certificate number, or 64 hex characters' })
  @ApiResponse({ status: 200, type: VerificationDto })
  @ApiResponse({ status: 404, description: 'unknown code' })
  @ApiResponse({
    status: 429,
    description:
      'too many verifications from this address (120 a minute); for lookups by printed number also: more than 30 an hour from this ' +
      'address (IPv6: its /64). Retry-After says when to retry; the QR code, the link and the SHA-256 are not affected by the number budget',
  })
  async byCode(@Param('code') code: string, @Req() req: Request): Promise<VerificationDto> {
    const ip = req.ip ?? 'unknown';
    await this.limiter.consume('verify', ip, VERIFY_IP_RULE, msg('errors.rateLimit.verifications'));
    if (isCertificateNumber(code)) {
      // No budget across all addresses on purpose: a sweep could then stop every ministry and
      // training office from checking a typed number for the rest of the day (SECURITY.md).
      await this.limiter.reserve([{ bucket: 'verify-number', id: addressBlock(ip), rule: VERIFY_NUMBER_IP_RULE, message: msg('credentials.verify.numberLimit') }]);
    }
    return this.verification.byCode(code);
  }
}
