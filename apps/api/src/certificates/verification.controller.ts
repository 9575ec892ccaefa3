import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { RateLimiter, type RateRule } from '../identity/rate-limit/rate-limiter.service.js';
import { Public } from '../common/auth/policy.js';
import { VerificationDto } from './dto/certificate-responses.dto.js';
import { VerificationService } from './verification.service.js';
import { msg } from '@kindling/common';

/** Generous for an HR office checking a stack of certificates, useless for guessing 128-bit codes. */
export const VERIFY_IP_RULE: RateRule = { limit: 120, windowSeconds: 60 };

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
  @ApiResponse({ status: 429, description: 'too many verifications from this address; Retry-After says when to retry' })
  async byCode(@Param('code') code: string, @Req() req: Request): Promise<VerificationDto> {
    await this.limiter.consume('verify', req.ip ?? 'unknown', VERIFY_IP_RULE, msg('errors.rateLimit.verifications'));
    return this.verification.byCode(code);
  }
}
